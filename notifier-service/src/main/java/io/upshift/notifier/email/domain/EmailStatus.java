package io.upshift.notifier.email.domain;

/** Where an email row stands. Only PENDING and SENDING rows are still to be sent. */
public enum EmailStatus {
    /** Waiting for its due time or its next try. */
    PENDING,
    /** Claimed by a sender until its lease runs out. */
    SENDING,
    /** Accepted by the SMTP relay. */
    SENT,
    /** Given up: too many tries, rejected by the relay, or nobody to send it to. */
    FAILED,
    /** Every recipient is on the suppression list. */
    SUPPRESSED,
    /** Not sent before it stopped making sense (a reminder after the window opened). */
    EXPIRED,
    /** Made obsolete before it went out (a reminder of a window that moved or was canceled). */
    CANCELED
}
