package io.upshift.planner.train.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.inventory.domain.PackageVersionNumber;
import java.util.List;
import org.junit.jupiter.api.Test;

class TierPlanTest {

    private static final String BILLING = "033A00000000001AAA";
    private static final String EXTRAS = "033A00000000002AAA";

    private static TierPlan tier(String pkg, String target, Requirement requires) {
        return new TierPlan(pkg, PackageVersionNumber.parse(target), requires);
    }

    private static Requirement billingAtLeast(String version) {
        return new Requirement(BILLING, PackageVersionNumber.parse(version));
    }

    @Test
    void acceptsAnExtensionThatNeedsTheVersionItsBaseTierPushes() {
        assertThat(TierPlan.check(List.of(tier(BILLING, "4.2.1", null), tier(EXTRAS, "2.0.0", billingAtLeast("4.2.0")))))
                .isEmpty();
    }

    @Test
    void refusesARequirementTheBaseTierCannotMeet() {
        assertThat(TierPlan.check(List.of(tier(BILLING, "4.1.0", null), tier(EXTRAS, "2.0.0", billingAtLeast("4.2.0")))))
                .singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo("tiers[1].requires.minimumVersion");
                    assertThat(p.message()).contains("4.1.0", "4.2.0");
                });
    }

    @Test
    void refusesARequirementOnALaterTierOrOnItself() {
        assertThat(TierPlan.check(List.of(tier(EXTRAS, "2.0.0", billingAtLeast("4.2.0")), tier(BILLING, "4.2.1", null))))
                .extracting(TierPlan.Problem::field).containsExactly("tiers[0].requires.packageId");
        assertThat(TierPlan.check(List.of(tier(BILLING, "4.2.1", null), tier(EXTRAS, "2.0.0",
                new Requirement(EXTRAS, PackageVersionNumber.parse("1.0.0"))))))
                .extracting(TierPlan.Problem::message).containsExactly("a tier cannot require its own package");
    }

    @Test
    void refusesOneTierAndAPackageTwice() {
        assertThat(TierPlan.check(List.of(tier(BILLING, "4.2.1", null)))).extracting(TierPlan.Problem::field)
                .containsExactly("tiers");
        assertThat(TierPlan.check(List.of(tier(BILLING, "4.2.1", null), tier(BILLING, "4.3.0", null))))
                .extracting(TierPlan.Problem::field).containsExactly("tiers[1].campaign.packageId");
    }

    @Test
    void aTrainIsAsUrgentAsItsMostUrgentTier() {
        assertThat(TrainState.of(List.of(CampaignState.DRAFT, CampaignState.DRAFT))).isEqualTo(CampaignState.DRAFT);
        assertThat(TrainState.of(List.of(CampaignState.HALTED, CampaignState.RUNNING))).isEqualTo(CampaignState.HALTED);
        assertThat(TrainState.of(List.of(CampaignState.COMPLETED, CampaignState.RUNNING))).isEqualTo(CampaignState.RUNNING);
        assertThat(TrainState.of(List.of(CampaignState.COMPLETED, CampaignState.CANCELED))).isEqualTo(CampaignState.CANCELED);
        assertThat(TrainState.of(List.of(CampaignState.COMPLETED, CampaignState.COMPLETED))).isEqualTo(CampaignState.COMPLETED);
    }

    @Test
    void releasesOnlyWhereTheBaseIsMetAndSkipsWhereItCanNoLongerBe() {
        assertThat(DependencyRule.judge(DependencyRule.BaseFate.WAITING, false)).isEqualTo(DependencyRule.Verdict.HOLD);
        assertThat(DependencyRule.judge(DependencyRule.BaseFate.NOT_PLANNED, false)).isEqualTo(DependencyRule.Verdict.HOLD);
        assertThat(DependencyRule.judge(DependencyRule.BaseFate.WAITING, true)).isEqualTo(DependencyRule.Verdict.RELEASE);
        assertThat(DependencyRule.judge(DependencyRule.BaseFate.FAILED, false)).isEqualTo(DependencyRule.Verdict.SKIP);
        assertThat(DependencyRule.judge(DependencyRule.BaseFate.NOT_IN_BASE, false)).isEqualTo(DependencyRule.Verdict.SKIP);
        assertThat(DependencyRule.judge(DependencyRule.BaseFate.FAILED, true)).isEqualTo(DependencyRule.Verdict.RELEASE);
        assertThat(DependencyRule.BaseFate.ofTargetState("SKIPPED")).isEqualTo(DependencyRule.BaseFate.ALREADY_ON_TARGET);
    }
}
