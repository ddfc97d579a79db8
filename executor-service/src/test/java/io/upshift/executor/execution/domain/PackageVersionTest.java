package io.upshift.executor.execution.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageVersionTest {

    @Test
    void comparesPartByPartAsNumbers() {
        assertThat(PackageVersion.of("4.10.0")).isGreaterThan(PackageVersion.of("4.9.3"));
        assertThat(PackageVersion.of("4.2.1.7")).isGreaterThan(PackageVersion.of("4.2.1"));
        assertThat(PackageVersion.of("4.2")).isEqualTo(PackageVersion.of("4.2.0"))
                .hasSameHashCodeAs(PackageVersion.of("4.2.0"));
    }

    @Test
    void readsOnlyMajorMinorPatchBuild() {
        assertThat(PackageVersion.parse("4.2.1")).isPresent();
        assertThat(PackageVersion.parse(" 4.2.1 ")).map(PackageVersion::text).contains("4.2.1");
        assertThat(PackageVersion.parse("4")).isEmpty();
        assertThat(PackageVersion.parse("4.2.1-beta")).isEmpty();
        assertThat(PackageVersion.parse("4.2.1.0.0")).isEmpty();
        assertThat(PackageVersion.parse(null)).isEmpty();
    }
}
