package io.upshift.planner.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.planner.shared.domain.ConflictException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PackageVersionChangeTest {

    private static PackageVersion version(ReleaseState state) {
        return new PackageVersion("04tA0000000AbCdAAA", "033A0000000AbCdAAA", PackageVersionNumber.of(4, 3, 0), "Spring",
                state, false, null, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void releasesABetaAndDeprecatesOnlyWhatIsAsked() {
        PackageVersion released = new PackageVersionChange(null, ReleaseState.RELEASED, null, "https://example.com/notes")
                .applyTo(version(ReleaseState.BETA));

        assertThat(released.releaseState()).isEqualTo(ReleaseState.RELEASED);
        assertThat(released.deprecated()).isFalse();
        assertThat(released.name()).isEqualTo("Spring");
        assertThat(released.releaseNotesUrl()).isEqualTo("https://example.com/notes");
        assertThat(released.isPushable()).isTrue();
        assertThat(new PackageVersionChange(null, null, true, null).applyTo(released).isPushable()).isFalse();
    }

    @Test
    void aReleasedVersionNeverBecomesABetaAgain() {
        assertThatThrownBy(() -> new PackageVersionChange(null, ReleaseState.BETA, null, null)
                .applyTo(version(ReleaseState.RELEASED)))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("cannot become a beta");
    }
}
