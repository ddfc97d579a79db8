package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainArgumentsTest {

    @Test
    void theTrainIsAScenarioOfItsOwnWithoutTheDeadlineVariants() {
        UpshiftDemo.Arguments train = UpshiftDemo.Arguments.parse(new String[] {"--scenario", "train", "--orgs", "300"});
        assertThat(train.train()).isTrue();
        assertThat(train.scenario()).isNull();
        assertThat(train.orgs()).isEqualTo(300);
        assertThat(UpshiftDemo.Arguments.parse(new String[] {"--scenario", "hotfix"}).train()).isFalse();
        assertThatThrownBy(() -> UpshiftDemo.Arguments.parse(new String[] {"--scenario", "train", "--bad-release"}))
                .hasMessageContaining("--scenario train takes neither");
    }

    @Test
    void eachRunHasItsOwnPackagesAndVersionIds() {
        TrainScenario.Options options = new TrainScenario.Options(10, 1, 7);
        assertThat(options.basePackageId()).isEqualTo("033Tr0000000014").hasSize(15);
        assertThat(options.extrasPackageId()).isEqualTo("033Tr0000000015");
        assertThat(options.versionId(options.basePackageId(), 3)).isEqualTo("04tTr0000001403").hasSize(15);
        assertThat(options.versionId(options.extrasPackageId(), 1)).isNotEqualTo(options.versionId(options.basePackageId(), 1));
    }
}
