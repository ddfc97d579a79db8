package io.upshift.planner.planning.domain;

import io.upshift.planner.shared.domain.TimeWindow;

/** Where planning put an eligible org: a wave and a window, or nowhere, with the reason. */
public sealed interface Placement {

    record Placed(int wave, TimeWindow window) implements Placement {
    }

    record Excluded(ExclusionReason reason) implements Placement {
    }
}
