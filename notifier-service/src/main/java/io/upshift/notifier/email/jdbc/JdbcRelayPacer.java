package io.upshift.notifier.email.jdbc;

import io.upshift.notifier.config.NotifierProperties;
import io.upshift.notifier.email.domain.SendSlots;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps every notifier replica together under the relay's messages-per-second limit: a sender
 * reserves send slots for its batch in one shared row and waits for the first of them.
 * <p>
 * The slots are kept in the database's own time ({@code clock_timestamp()}), not the service's
 * clock: pacing is about the real relay in real time, and the database is the one clock all
 * replicas share (a test's steered clock must not make a replica wait a day).
 */
@Repository
class JdbcRelayPacer implements SendSlots {

    private final JdbcClient jdbc;
    private final String relay;
    private final double perSecond;

    JdbcRelayPacer(JdbcClient jdbc, NotifierProperties properties) {
        this.jdbc = jdbc;
        this.relay = properties.delivery().relay();
        this.perSecond = properties.delivery().ratePerSecond();
    }

    @Override
    public Duration reserve(int messages) {
        if (perSecond <= 0 || messages <= 0) {
            return Duration.ZERO;
        }
        double seconds = messages / perSecond;
        Double wait = jdbc.sql("""
                insert into relay_pacing as p (relay, next_slot_at)
                values (?, clock_timestamp() + make_interval(secs => ?))
                on conflict (relay) do update
                    set next_slot_at = greatest(p.next_slot_at, clock_timestamp()) + make_interval(secs => ?)
                returning extract(epoch from (p.next_slot_at - make_interval(secs => ?) - clock_timestamp()))::float8""")
                .params(relay, seconds, seconds, seconds)
                .query(Double.class)
                .single();
        return wait == null || wait <= 0 ? Duration.ZERO : Duration.ofNanos((long) (wait * 1_000_000_000L));
    }
}
