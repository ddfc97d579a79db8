package io.upshift.notifier.support.kafka;

/** Tells the sender loops that new emails were queued, so they need not wait for their next poll. */
public interface SenderWakeUp {

    void wakeUp();
}
