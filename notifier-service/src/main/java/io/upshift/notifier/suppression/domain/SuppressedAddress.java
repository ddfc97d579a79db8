package io.upshift.notifier.suppression.domain;

import java.time.Instant;
import java.util.Objects;

/** An address on the suppression list. */
public record SuppressedAddress(String address, SuppressionReason reason, String note, Instant since) {

    public SuppressedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }
}
