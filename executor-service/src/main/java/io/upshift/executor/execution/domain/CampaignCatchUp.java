package io.upshift.executor.execution.domain;

import java.time.Duration;

/** Whatever tells the executor that the campaign state is complete enough to decide on commands. */
@FunctionalInterface
public interface CampaignCatchUp {

    /** Waits up to the timeout; true once every campaign event present at start-up has been applied. */
    boolean awaitCaughtUp(Duration timeout) throws InterruptedException;
}
