package io.upshift.planner.train.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.train.domain.DependencyRule.BaseFate;
import io.upshift.planner.train.domain.DependencyRule.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A two-tier train over a handful of orgs, its base outcomes arriving in a random order interleaved with
 * dispatcher rounds, pauses (rounds that release nothing) and planner restarts (the rule keeps no memory:
 * a round after a restart judges from the stored facts alone). No dependent push is released before its
 * base succeeded for that org (or the org had the base already), and in the end each dependent org is
 * released exactly when its base was met, skipped otherwise — never both, never twice.
 */
class DependencyRulePropertyTest {

    /** One org: whether it has the base already, whether the base tier takes it, and how its base push ends. */
    record Org(boolean installedMeets, boolean inBase, BaseFate ending) {
    }

    /** A step of the run: a base outcome for org i, a dispatcher round, a paused round, or a restart. */
    record Step(String kind, int org) {
    }

    @Provide
    Arbitrary<List<Org>> orgs() {
        Arbitrary<BaseFate> endings = Arbitraries.of(BaseFate.SUCCEEDED, BaseFate.ALREADY_ON_TARGET, BaseFate.FAILED,
                BaseFate.TIMED_OUT, BaseFate.CANCELED);
        // a quarter of the orgs have the base already; most are in the base tier
        return Combinators.combine(Arbitraries.integers().between(0, 3).map(i -> i == 0),
                Arbitraries.integers().between(0, 9).map(i -> i > 1), endings)
                .as(Org::new)
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<Step>> noise() {
        return Arbitraries.of("round", "paused", "restart").flatMap(kind -> Arbitraries.integers().between(0, 11)
                .map(i -> new Step(kind, i))).list().ofMaxSize(30);
    }

    @Property(tries = 500)
    void noDependentPushIsReleasedBeforeItsBaseSucceededForThatOrg(@ForAll("orgs") List<Org> orgs,
            @ForAll("noise") List<Step> noise, @ForAll long shuffleSeed) {
        // the base outcomes, one per org in the base tier, shuffled among the noise
        List<Step> steps = new ArrayList<>(noise);
        java.util.Random random = new java.util.Random(shuffleSeed);
        for (int i = 0; i < orgs.size(); i++) {
            if (orgs.get(i).inBase()) {
                steps.add(random.nextInt(steps.size() + 1), new Step("outcome", i));
            }
        }
        steps.add(new Step("round", 0));

        Map<Integer, BaseFate> fate = new HashMap<>();
        Map<Integer, Boolean> installed = new HashMap<>();
        Map<Integer, Verdict> ended = new HashMap<>();
        for (int i = 0; i < orgs.size(); i++) {
            fate.put(i, orgs.get(i).inBase() ? BaseFate.WAITING : BaseFate.NOT_IN_BASE);
            installed.put(i, orgs.get(i).installedMeets());
        }
        for (Step step : steps) {
            switch (step.kind()) {
                case "outcome" -> {
                    Org org = orgs.get(step.org());
                    fate.put(step.org(), org.ending());
                    if (org.ending() == BaseFate.SUCCEEDED) {
                        installed.put(step.org(), true); // what Upshift pushed is written to the inventory
                    }
                }
                case "round" -> {
                    for (int i = 0; i < orgs.size(); i++) {
                        if (ended.containsKey(i)) {
                            continue;
                        }
                        Verdict verdict = DependencyRule.judge(fate.get(i), installed.get(i));
                        if (verdict == Verdict.RELEASE) {
                            assertThat(installed.get(i) || fate.get(i) == BaseFate.SUCCEEDED
                                    || fate.get(i) == BaseFate.ALREADY_ON_TARGET)
                                    .as("org %d released with base %s", i, fate.get(i)).isTrue();
                            ended.put(i, verdict);
                        } else if (verdict == Verdict.SKIP) {
                            assertThat(fate.get(i)).isIn(BaseFate.NOT_IN_BASE, BaseFate.FAILED, BaseFate.TIMED_OUT,
                                    BaseFate.CANCELED);
                            ended.put(i, verdict);
                        }
                    }
                }
                default -> {
                    // paused: nothing released; restart: nothing remembered but the stored facts
                }
            }
        }
        for (int i = 0; i < orgs.size(); i++) {
            Org org = orgs.get(i);
            boolean met = org.installedMeets() || org.inBase()
                    && (org.ending() == BaseFate.SUCCEEDED || org.ending() == BaseFate.ALREADY_ON_TARGET);
            assertThat(ended.get(i)).as("org %d: %s", i, org).isEqualTo(met ? Verdict.RELEASE : Verdict.SKIP);
        }
    }
}
