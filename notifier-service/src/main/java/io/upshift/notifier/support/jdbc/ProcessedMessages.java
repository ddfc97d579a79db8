package io.upshift.notifier.support.jdbc;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent-consumer log: a message id is recorded in the same transaction as what the
 * message caused, so a redelivered message is recognised and changes nothing.
 */
@Repository
public class ProcessedMessages {

    private final JdbcClient jdbc;

    ProcessedMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time a message is seen; false for a redelivery. Must run inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean markProcessed(String source, String messageId, Instant now) {
        return jdbc.sql("""
                insert into processed_message (message_id, source, processed_at) values (?, ?, ?)
                on conflict do nothing""")
                .params(messageId, source, Sql.timestamp(now))
                .update() == 1;
    }
}
