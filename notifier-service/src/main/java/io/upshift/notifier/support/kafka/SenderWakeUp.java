package io.upshift.notifier.support.kafka;

/** Tells the sender loop that new emails were queued, so it need not wait for its next poll. */
public interface SenderWakeUp {

    void wakeUp();
}
