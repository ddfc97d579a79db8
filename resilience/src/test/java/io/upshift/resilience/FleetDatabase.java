package io.upshift.resilience;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The simulated fleet's own PostgreSQL, apart from the devstack's. The fleet stands in for
 * Salesforce — another company's system — so when a test takes Upshift's database away, the
 * "Salesforce" side must stay up, as it would in production.
 */
final class FleetDatabase implements AutoCloseable {

    private static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    FleetDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fleet's PostgreSQL: " + e.getMessage(), e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    String user() {
        return USER;
    }

    String password() {
        return "";
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
