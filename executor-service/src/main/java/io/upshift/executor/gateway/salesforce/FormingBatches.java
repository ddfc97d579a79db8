package io.upshift.executor.gateway.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Gathers pushes into batches keyed by target version and start bucket, and hands a batch on when
 * it is full or has waited the linger. Loop thread only.
 */
final class FormingBatches {

    /**
     * Campaign, target version and start bucket: orgs sharing all three share a push request (one campaign
     * per request, so a halted campaign's request can be canceled without touching another's). Null
     * start = as soon as possible.
     */
    record BatchKey(UUID campaignId, String packageVersionId, Instant start) {
    }

    /** Where a batch goes when it is complete: the pushes of it still open, never empty. */
    @FunctionalInterface
    interface Sender {
        void send(BatchKey key, List<Push> open);
    }

    private final Clock clock;
    private final Duration linger;
    private final LingeringBatches<BatchKey, Push> forming;

    FormingBatches(ScheduledExecutorService loop, Clock clock, int batchSize, Duration linger, Sender sender) {
        this.clock = clock;
        this.linger = linger;
        this.forming = new LingeringBatches<>(loop, batchSize, linger, (key, pushes) -> {
            List<Push> open = pushes.stream().filter(p -> !p.result.isDone()).toList();
            if (!open.isEmpty()) {
                sender.send(key, open);
            }
        });
    }

    void add(Push push) {
        forming.add(new BatchKey(push.request.campaignId(), push.request.packageVersionId(),
                startBucket(push.request.notBefore())), push);
    }

    /**
     * A window already open starts as soon as possible; a later one at its opening, rounded up to
     * the minute so orgs opening within the same minute share a request and none starts early.
     */
    private Instant startBucket(Instant notBefore) {
        Instant soon = clock.instant().plus(linger);
        if (notBefore == null || !notBefore.isAfter(soon)) {
            return null;
        }
        Instant minute = notBefore.truncatedTo(ChronoUnit.MINUTES);
        return minute.equals(notBefore) ? minute : minute.plus(1, ChronoUnit.MINUTES);
    }
}
