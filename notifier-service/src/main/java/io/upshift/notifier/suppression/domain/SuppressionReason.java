package io.upshift.notifier.suppression.domain;

/** Why an address must not be mailed. */
public enum SuppressionReason {
    /** The address bounced hard (mailbox does not exist). */
    BOUNCED,
    /** The person asked to receive no more of these emails. */
    UNSUBSCRIBED,
    /** The person marked an email as spam. */
    COMPLAINED,
    /** An operator added it for another reason (see the note). */
    MANUAL
}
