package io.upshift.planner.outbox;

/** What an outbox row carries; the relay marks a target NOTIFIED once its notice is published. */
public enum MessageKind {
    COMMAND, NOTICE, CAMPAIGN_EVENT
}
