package io.upshift.notifier.email;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.DeliveryPolicy;
import io.upshift.notifier.email.domain.EmailComposer;
import io.upshift.notifier.email.domain.EmailKind;
import io.upshift.notifier.email.domain.EmailQueue;
import io.upshift.notifier.email.domain.MailRelay;
import io.upshift.notifier.email.domain.SendSlots;
import io.upshift.notifier.email.domain.SuppressionCheck;
import io.upshift.notifier.support.kafka.SenderWakeUp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Owns the instance's sender loops ({@code upshift.notifier.delivery.senders} of them, each a
 * {@link SenderLoop} on its own thread {@code email-sender-<n>}): starts them, passes wake-ups on to
 * all of them, and stops them without cutting an SMTP exchange short. The loops of one instance and
 * those of other replicas share the queue safely (rows are claimed with SKIP LOCKED and a lease) and
 * the relay's rate limit. See {@code email/DESIGN.md}.
 */
@Component
class EmailSender implements SmartLifecycle, SenderWakeUp {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
    /** How long stopping waits for the loops to finish the round in hand (an SMTP exchange, its write). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final NotifierProperties.Delivery settings;
    private final String instanceId;
    private final List<SenderLoop> loops;
    private volatile boolean running;

    EmailSender(EmailQueue queue, MailRelay relay, SuppressionCheck suppressions, List<EmailComposer> composers,
            DeliveryPolicy policy, NotifierProperties properties, SendSlots slots, NotifierMetrics metrics,
            Clock clock, @Value("${upshift.instance-id:}") String instanceId) {
        this.settings = properties.delivery();
        this.instanceId = (instanceId.isBlank() ? "notifier" : instanceId) + "/" + UUID.randomUUID();
        SenderLoop.Parts parts = new SenderLoop.Parts(queue, relay, suppressions, byKind(composers), policy, settings,
                slots, metrics, clock, new OldestUnsentGauge(queue, metrics));
        this.loops = IntStream.rangeClosed(1, settings.senders())
                .mapToObj(n -> new SenderLoop(parts, this.instanceId + "/" + n, "email-sender-" + n))
                .toList();
    }

    private static Map<EmailKind, EmailComposer> byKind(List<EmailComposer> composers) {
        Map<EmailKind, EmailComposer> byKind = new EnumMap<>(EmailKind.class);
        for (EmailComposer composer : composers) {
            composer.kinds().forEach(kind -> {
                if (byKind.put(kind, composer) != null) {
                    throw new IllegalStateException("two composers for " + kind);
                }
            });
        }
        for (EmailKind kind : EmailKind.values()) {
            if (!byKind.containsKey(kind)) {
                throw new IllegalStateException("no composer for " + kind);
            }
        }
        return Collections.unmodifiableMap(byKind);
    }

    /** The loops, in the order of their numbers. */
    List<SenderLoop> loops() {
        return loops;
    }

    /** Asks every loop to look for due emails now rather than after its poll interval. */
    @Override
    public void wakeUp() {
        loops.forEach(SenderLoop::wakeUp);
    }

    @Override
    public void start() {
        if (!settings.enabled() || running) {
            return;
        }
        running = true;
        log.info("email sender {} started: {} loop(s), each up to {} emails per round; {} per second over all "
                + "loops and replicas", instanceId, loops.size(), settings.effectiveBatchSize(),
                settings.ratePerSecond() <= 0 ? "unlimited" : settings.ratePerSecond());
        loops.forEach(SenderLoop::start);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        // Every loop is told first, so they all finish their round in hand at once, under one deadline.
        loops.forEach(SenderLoop::requestStop);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        loops.forEach(loop -> loop.awaitStop(deadline));
        log.info("email sender {} stopped", instanceId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the web server and the data source go away, starts after everything else is up.
        return Integer.MAX_VALUE - 1000;
    }
}
