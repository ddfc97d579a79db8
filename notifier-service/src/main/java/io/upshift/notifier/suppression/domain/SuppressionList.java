package io.upshift.notifier.suppression.domain;

import io.upshift.notifier.email.domain.SuppressionCheck;
import java.util.List;
import java.util.Optional;

/**
 * The addresses that must not be mailed: kept by operators through the API, checked by the sender
 * (as its {@link SuppressionCheck}) when an email is sent, not when it is queued.
 */
public interface SuppressionList extends SuppressionCheck {

    /** Adds or replaces the entry; true if the address was not on the list before. */
    boolean add(SuppressedAddress entry);

    boolean remove(String address);

    Optional<SuppressedAddress> find(String address);

    List<SuppressedAddress> list(int offset, int limit);

    long count();
}
