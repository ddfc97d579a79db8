package io.upshift.planner.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PackageVersionNumberTest {

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(PackageVersionNumber.parse("4.10.0")).isGreaterThan(PackageVersionNumber.parse("4.9.3"));
        assertThat(PackageVersionNumber.parse("4.2.1").isNewerThan(PackageVersionNumber.parse("4.2.0.99"))).isTrue();
        assertThat(PackageVersionNumber.parse("10.0.0")).isGreaterThan(PackageVersionNumber.parse("9.99.99"));
    }

    @Test
    void sortsAListOfVersionsOldestFirst() {
        List<String> sorted = Stream.of("4.10.0", "4.2.1.3", "4.9.3", "4.2.1", "3.0.0")
                .map(PackageVersionNumber::parse).sorted().map(PackageVersionNumber::toString).toList();

        assertThat(sorted).containsExactly("3.0.0", "4.2.1", "4.2.1.3", "4.9.3", "4.10.0");
    }

    @Test
    void aBuildOfZeroIsTheSameVersionAsNoBuild() {
        assertThat(PackageVersionNumber.parse("4.2.1.0")).isEqualTo(PackageVersionNumber.parse("4.2.1"));
        assertThat(PackageVersionNumber.parse(" 4.2.1.0 ")).hasToString("4.2.1");
        assertThat(PackageVersionNumber.parse("4.2.1.7")).hasToString("4.2.1.7");
    }

    @Test
    void rejectsWhatIsNotAVersionNumber() {
        for (String bad : List.of("", "4", "4.2", "4.2.x", "v4.2.1", "4.2.1.2.3", "-1.0.0", "4..1")) {
            assertThatThrownBy(() -> PackageVersionNumber.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("major.minor.patch[.build]");
        }
        assertThatThrownBy(() -> PackageVersionNumber.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
