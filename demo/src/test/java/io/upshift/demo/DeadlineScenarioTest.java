package io.upshift.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upshift.demo.DeadlineScenario.Kind;
import io.upshift.demo.DeadlineScenario.Options;
import io.upshift.demo.DeadlineScenario.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deadline scenarios' campaign bodies and command line, without a stack. */
class DeadlineScenarioTest {

    @Test
    @SuppressWarnings("unchecked")
    void theHotfixWindowIsWholeSecondsOfUtcAndEndsAtTheDeadlineEvenAcrossMidnight() {
        Instant created = Instant.parse("2026-12-06T23:59:35.400Z");
        Timing timing = Timing.of(Kind.HOTFIX, created);

        Map<String, Object> body = DeadlineScenario.campaignBody(Options.of(Kind.HOTFIX), "033Dl0000000200", timing);

        Map<String, Object> schedule = (Map<String, Object>) body.get("schedule");
        Map<String, Object> window = (Map<String, Object>) schedule.get("campaignWindow");
        assertThat(timing.windowStart()).isEqualTo(Instant.parse("2026-12-06T23:59:53Z"));
        assertThat(window).containsEntry("start", "23:59:53").containsEntry("end", "00:00:29")
                .containsEntry("timeZone", "UTC").containsEntry("mode", "INSTEAD_OF_ORG_WINDOWS");
        assertThat(schedule.get("deadline")).isEqualTo("2026-12-07T00:00:29Z");
        assertThat(Duration.between(timing.windowStart(), timing.deadline())).isEqualTo(DeadlineScenario.HOTFIX_WINDOW);
        assertThat(schedule).containsKey("urgency").containsEntry("noticePeriod", "PT2S");
        assertThat(body.get("targetVersion")).isEqualTo(DeadlineScenario.FIX_VERSION);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRegulatoryUpdateSelectsEuropeAndTheRetirementIsNotUrgent() {
        Instant created = Instant.parse("2026-12-06T10:00:00Z");
        Map<String, Object> regulatory = DeadlineScenario.campaignBody(Options.of(Kind.REGULATORY), "033Dl0000000201",
                Timing.of(Kind.REGULATORY, created));
        Map<String, Object> retirement = DeadlineScenario.campaignBody(Options.of(Kind.API_RETIREMENT), "033Dl0000000202",
                Timing.of(Kind.API_RETIREMENT, created));

        assertThat((Map<String, Object>) regulatory.get("selection")).containsEntry("timeZones", java.util.List.of("Europe/*"));
        assertThat((Map<String, Object>) regulatory.get("schedule")).containsKey("urgency")
                .containsEntry("deadline", "2026-12-06T10:01:12Z");
        assertThat((Map<String, Object>) retirement.get("schedule")).doesNotContainKey("urgency")
                .containsEntry("noticePeriod", "PT5S").containsEntry("deadline", "2026-12-06T10:02:48Z");
    }

    @Test
    void theBadReleasePushesTheBrokenFix() {
        assertThat(Options.of(Kind.HOTFIX).withBadRelease().targetVersion()).isEqualTo(DeadlineScenario.BAD_FIX_VERSION);
        assertThat(DeadlineScenario.settings(1, 1).executor())
                .containsEntry("upshift.executor.simulated.failures.versions.[4.2.2].ApexTestFailure", "1.0");
    }

    @Test
    void theCommandLineTakesAScenarioAndItsVariants() {
        UpshiftDemo.Arguments hotfix = UpshiftDemo.Arguments.parse(new String[] {"--scenario", "hotfix", "--at-risk"});
        assertThat(hotfix.deadlineOptions()).isEqualTo(Options.of(Kind.HOTFIX).withAtRisk());
        assertThat(UpshiftDemo.Arguments.parse(new String[] {"--scenario", "api-retirement", "--orgs", "300"})
                .deadlineOptions()).isEqualTo(Options.of(Kind.API_RETIREMENT).withOrgs(300));
        assertThat(UpshiftDemo.Arguments.parse(new String[] {"--bad-release"}).scenario()).isNull();

        assertThatThrownBy(() -> UpshiftDemo.Arguments.parse(new String[] {"--at-risk"}))
                .hasMessageContaining("variant of --scenario hotfix");
        assertThatThrownBy(() -> UpshiftDemo.Arguments.parse(new String[] {"--scenario", "regulatory", "--bad-release"}))
                .hasMessageContaining("variants of the hotfix");
        assertThatThrownBy(() -> UpshiftDemo.Arguments.parse(new String[] {"--scenario", "hotfix", "--bad-release", "--at-risk"}))
                .hasMessageContaining("choose one");
        assertThatThrownBy(() -> UpshiftDemo.Arguments.parse(new String[] {"--scenario", "weekend"}))
                .hasMessageContaining("unknown scenario");
    }
}
