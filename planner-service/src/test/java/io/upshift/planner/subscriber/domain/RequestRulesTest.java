package io.upshift.planner.subscriber.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.planner.campaign.domain.CampaignState;
import io.upshift.planner.campaign.domain.TargetState;
import io.upshift.planner.shared.domain.TimeWindow;
import io.upshift.planner.subscriber.domain.RequestRules.Action;
import io.upshift.planner.subscriber.domain.RequestRules.Outcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a subscriber's request may change, as a table: each rule tried against the others. */
class RequestRulesTest {

    private static final TimeWindow OFFERED = new TimeWindow(Instant.parse("2026-12-10T22:00:00Z"),
            Instant.parse("2026-12-11T02:00:00Z"));
    private static final TimeWindow OTHER = new TimeWindow(Instant.parse("2026-12-12T22:00:00Z"),
            Instant.parse("2026-12-13T02:00:00Z"));

    @ParameterizedTest(name = "{0} {1}/{2}, {3} changes, opt-out {4}, window {5} -> {6}")
    @CsvSource({
            "MOVE,    SCHEDULED, PLANNED,    0, false, OFFERED, APPLIED",
            "MOVE,    RUNNING,   NOTIFIED,   2, false, OFFERED, APPLIED",
            "MOVE,    RUNNING,   NOTIFIED,   0, false, OTHER,   NOT_A_CHOICE",
            "MOVE,    RUNNING,   NOTIFIED,   0, false, NONE,    NOT_A_CHOICE",
            "MOVE,    RUNNING,   NOTIFIED,   3, false, OFFERED, CHANGES_USED_UP",
            "MOVE,    RUNNING,   DISPATCHED, 0, false, OFFERED, TOO_LATE",
            "MOVE,    RUNNING,   SUCCEEDED,  0, false, OFFERED, TOO_LATE",
            "MOVE,    CANCELED,  CANCELED,   0, false, OFFERED, TOO_LATE",
            "MOVE,    COMPLETED, NOTIFIED,   0, false, OFFERED, TOO_LATE",
            "OPT_OUT, RUNNING,   NOTIFIED,   0, true,  NONE,    APPLIED",
            "OPT_OUT, RUNNING,   NOTIFIED,   0, false, NONE,    OPT_OUT_NOT_ALLOWED",
            "OPT_OUT, RUNNING,   DISPATCHED, 0, true,  NONE,    TOO_LATE",
            "OPT_OUT, PAUSED,    PLANNED,    3, true,  NONE,    CHANGES_USED_UP",
            // too late is said before the limit: the subscriber learns the real reason
            "OPT_OUT, RUNNING,   DISPATCHED, 3, false, NONE,    TOO_LATE"})
    void decides(Action action, CampaignState campaign, TargetState target, int changes, boolean mayOptOut,
            String window, Outcome expected) {
        TimeWindow chosen = switch (window) {
            case "OFFERED" -> OFFERED;
            case "OTHER" -> OTHER;
            default -> null;
        };

        Outcome outcome = RequestRules.decide(action, campaign, target, changes, 3, mayOptOut, List.of(OFFERED),
                chosen);

        assertThat(outcome).isEqualTo(expected);
    }
}
