package io.upshift.planner.campaign;

import io.upshift.planner.campaign.domain.Campaign;
import io.upshift.planner.shared.domain.ConflictException;

/** Optimistic locking at the API: a request that names a version (If-Match) must name the current one. */
final class Versions {

    private Versions() {
    }

    static void check(Campaign current, Integer expected) {
        if (expected != null && expected != current.version()) {
            throw new ConflictException("campaign " + current.id() + " is at version " + current.version()
                    + ", not " + expected + ": it was changed since you read it", current.state().name());
        }
    }
}
