package io.upshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The PromQL tokenizer the checks use to find selectors and the expressions under a condition. */
class PromQlTest {

    @Test
    void findsEverySelectorButNotFunctionsKeywordsOrLabelLists() {
        String expression = """
                sum by (application, topic) (increase(upshift_kafka_dead_letters_total{topic=~"a.+"}[15m]))
                  / on (application) group_left (instance) max without (le) (up)
                  unless upshift_kafka_dead_letters_total offset 15m""";

        assertThat(PromQl.selectors(expression)).containsExactly(
                "upshift_kafka_dead_letters_total{topic=~\"a.+\"}", "up", "upshift_kafka_dead_letters_total");
    }

    @Test
    void findsRecordedSeriesAndBareMatchers() {
        assertThat(PromQl.selectors("deriv(upshift:executor_commands_lag:sum[15m]) > 0 and {__name__=\"up\"}"))
                .containsExactly("upshift:executor_commands_lag:sum", "{__name__=\"up\"}");
    }

    @Test
    void readsBracesAndCommasInsideStringsAsText() {
        assertThat(PromQl.selectors("label_replace(up{job=\"a,b}\"}, \"x\", \"$1\", \"job\", \"(.*)\")"))
                .containsExactly("up{job=\"a,b}\"}");
    }

    @Test
    void stripsTheComparisonOfACondition() {
        assertThat(PromQl.conditionOperands("max by (instance) (upshift_planner_outbox_lag_seconds) > 120"))
                .containsExactly("max by (instance) (upshift_planner_outbox_lag_seconds)");
        assertThat(PromQl.conditionOperands("0.5 < rate(x_total[5m])")).containsExactly("rate(x_total[5m])");
        assertThat(PromQl.conditionOperands("sum(a) / (sum(b) + sum(a)) > 0.05")).containsExactly("sum(a) / (sum(b) + sum(a))");
    }

    @Test
    void keepsBothSidesOfAndAndOrButNotTheFilterOfUnless() {
        String expression = """
                max by (c, w) (ratio) > max by (c, w) (threshold)
                and on (c, w) max by (c, w) (state{state="running"}) == 1
                or errors_total unless sent_total offset 5m > 0""";

        assertThat(PromQl.conditionOperands(expression)).containsExactly(
                "max by (c, w) (ratio)", "max by (c, w) (state{state=\"running\"})", "errors_total");
    }

    @Test
    void leavesConstantsOutOfTheOperands() {
        assertThat(PromQl.conditionOperands("sum(up{job=\"x\"}) or vector(0)")).containsExactly("sum(up{job=\"x\"})");
    }

    @Test
    void refusesUnbalancedText() {
        assertThatThrownBy(() -> PromQl.selectors("up{job=\"x\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.conditionOperands("sum(up")).isInstanceOf(IllegalArgumentException.class);
    }
}
