package io.upshift.planner.rehearsal.domain;

import io.upshift.planner.planning.domain.Candidate;
import io.upshift.planner.shared.domain.TimeWindow;
import java.time.Duration;

/**
 * An org as the campaign's real plan placed it: its wave, its planned window and the push time the
 * release order uses (planning/domain/PushForecast).
 *
 * @param candidate its zone and maintenance window, to find its next window when one closes unreleased
 */
public record TwinOrg(Candidate candidate, int wave, TimeWindow window, Duration expected) {

    public String orgId() {
        return candidate.orgId();
    }

    public String instance() {
        return candidate.instance();
    }
}
