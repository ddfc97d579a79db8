package io.upshift.planner.orghealth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ChronicRuleTest {

    private static final List<UUID> LAST = IntStream.range(0, 5).mapToObj(i -> new UUID(0, i)).toList();

    @Test
    void anOrgIsChronicWhenItFailedInTwoOfThePackagesLastThreeCampaigns() {
        ChronicRule rule = ChronicRule.DEFAULT;

        assertThat(rule.isChronic(LAST, Set.of(LAST.get(0), LAST.get(2)))).isTrue();
        assertThat(rule.isChronic(LAST, Set.of(LAST.get(1)))).isFalse();
        // failures older than the last three campaigns no longer count: the org got better
        assertThat(rule.isChronic(LAST, Set.of(LAST.get(2), LAST.get(3), LAST.get(4)))).isFalse();
        // a package with one campaign so far cannot make anyone chronic under 2 of 3
        assertThat(rule.isChronic(LAST.subList(0, 1), Set.of(LAST.get(0)))).isFalse();
    }

    @Test
    void aCampaignTheOrgWasNotPartOfCountsAsNotFailed() {
        // the org was in campaigns 0 and 3 only and failed both: one failure among the last three
        assertThat(ChronicRule.DEFAULT.failuresAmong(LAST, Set.of(LAST.get(0), LAST.get(3)))).isEqualTo(1);
    }

    @Test
    void picksTheChronicOrgsOfAFleet() {
        Map<String, Set<UUID>> failures = Map.of(
                "A", Set.of(LAST.get(0), LAST.get(1)),
                "B", Set.of(LAST.get(0)),
                "C", Set.of(LAST.get(1), LAST.get(2), LAST.get(4)));

        assertThat(ChronicRule.DEFAULT.chronic(LAST, failures)).containsExactly("A", "C");
        assertThat(new ChronicRule(1, 1).chronic(LAST, failures)).containsExactly("A", "B");
    }

    @Test
    void refusesARuleThatCanNeverHoldOrLooksBackTooFar() {
        assertThatThrownBy(() -> new ChronicRule(0, 3)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ChronicRule(4, 3)).hasMessageContaining("from the failures");
        assertThatThrownBy(() -> new ChronicRule(1, ChronicRule.MAX_CAMPAIGNS + 1))
                .hasMessageContaining(String.valueOf(ChronicRule.MAX_CAMPAIGNS));
    }

    /** Chronic exactly when at least K of the first N campaigns are failures, whatever the history. */
    @Property(tries = 300)
    void chronicIffAtLeastKOfTheLastNFailed(@ForAll @IntRange(min = 1, max = 6) int k,
            @ForAll @IntRange(min = 0, max = 6) int extra,
            @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 11) Integer> failedIndexes,
            @ForAll @IntRange(min = 0, max = 12) int campaignsSoFar) {
        int n = Math.min(ChronicRule.MAX_CAMPAIGNS, k + extra);
        ChronicRule rule = new ChronicRule(k, n);
        List<UUID> last = new ArrayList<>();
        for (int i = 0; i < campaignsSoFar; i++) {
            last.add(new UUID(1, i));
        }
        Set<UUID> failed = new HashSet<>();
        failedIndexes.stream().filter(i -> i < campaignsSoFar).forEach(i -> failed.add(last.get(i)));
        long recent = failedIndexes.stream().distinct().filter(i -> i < Math.min(n, campaignsSoFar)).count();

        assertThat(rule.isChronic(last, failed)).isEqualTo(recent >= k);
        // one more failure in an older campaign never makes an org chronic
        Set<UUID> withOld = new HashSet<>(failed);
        withOld.add(new UUID(2, 0));
        assertThat(rule.isChronic(last, withOld)).isEqualTo(rule.isChronic(last, failed));
    }
}
