package io.upshift.notifier.email.domain;

import java.time.Duration;

/** The relay's rate limit: reserves send slots for a batch and says how long to wait for the first. */
public interface SendSlots {

    Duration reserve(int messages);
}
