package io.upshift.planner.outbox;

import io.upshift.planner.shared.jdbc.CopyWriter;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes outgoing messages as outbox rows in the caller's transaction: the state change and the
 * message commit together or not at all. Every message the planner sends goes through here, but
 * for what a feature's own rows already owe ({@link DeferredMessages}: a campaign's SCHEDULED
 * notices, built from its targets by the relay).
 */
@Component
public class Outbox {

    static final String COLUMNS = "topic, message_key, payload, kind, campaign_id, org_id, ref, created_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final OutboxSignal signal;

    Outbox(DataSource dataSource, Clock clock, OutboxSignal signal) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.signal = signal;
    }

    /** Appends messages; must run inside a transaction. */
    public void append(List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Writer writer = open()) {
            messages.forEach(writer::add);
            writer.finish();
        }
    }

    public void append(OutgoingMessage message) {
        append(List.of(message));
    }

    /** A writer for many messages (a campaign's notices), streamed with COPY; must run inside a transaction. */
    public Writer open() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox rows are written in the transaction of the change they announce");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                signal.wake();
            }
        });
        return new Writer(CopyWriter.open(connection, "outbox", COLUMNS), clock.instant());
    }

    /** Streams outbox rows; {@link #finish()} ends the COPY. */
    public static final class Writer implements AutoCloseable {

        private final CopyWriter copy;
        private final Instant now;

        private Writer(CopyWriter copy, Instant now) {
            this.copy = copy;
            this.now = now;
        }

        public void add(OutgoingMessage message) {
            copy.text(message.topic().name()).text(message.key()).bytes(AvroPayloads.encode(message.value()))
                    .text(message.kind().name()).uuid(message.campaignId()).text(message.orgId())
                    .uuid(message.ref()).instant(now).endRow();
        }

        public long finish() {
            return copy.finish();
        }

        @Override
        public void close() {
            copy.close();
        }
    }
}
