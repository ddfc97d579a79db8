package io.upshift.notifier.suppression.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The addresses that must not be mailed, checked when an email is sent (not when it is queued). */
public interface SuppressionList {

    /** Which of the addresses are suppressed, as given. */
    Set<String> suppressedAmong(Collection<String> addresses);

    /** Adds or replaces the entry; true if the address was not on the list before. */
    boolean add(SuppressedAddress entry);

    boolean remove(String address);

    Optional<SuppressedAddress> find(String address);

    List<SuppressedAddress> list(int offset, int limit);

    long count();
}
