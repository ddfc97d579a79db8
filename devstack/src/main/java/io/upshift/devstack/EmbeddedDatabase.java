package io.upshift.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (the zonky embedded binaries), with one database per service. With
 * {@link DevStackConfig#restartable()} it keeps its data directory and port across
 * {@link #stop()} and {@link #start()}, so fault tests can take the database away and bring it
 * back with every row in place, as a real server restart does.
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";

    private final boolean restartable;
    /** The data directory kept across restarts; null when zonky manages (and deletes) its own. */
    private final Path dataDirectory;
    private int port;
    private EmbeddedPostgres postgres;

    EmbeddedDatabase(DevStackConfig config) {
        this.restartable = config.restartable();
        this.port = config.postgresPort();
        try {
            dataDirectory = restartable ? Files.createTempDirectory("upshift-postgres-") : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create PostgreSQL's data directory", e);
        }
        start();
        config.databases().forEach(this::createDatabase);
    }

    synchronized int port() {
        return port;
    }

    synchronized boolean isRunning() {
        return postgres != null;
    }

    /**
     * Starts the server (again): on the same port and, when restartable, on the same data
     * directory. Returns once it accepts connections.
     */
    synchronized void start() {
        if (postgres != null) {
            return;
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    // a restart on a busy machine may take longer than zonky's default 10 s
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            if (port != 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            }
            postgres = builder.start();
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * Stops the server ("fast" shutdown: open sessions are ended, clients see their connections
     * break and new ones refused). Only a restartable database can be started again with its data.
     */
    synchronized void stop() {
        if (!restartable) {
            throw new IllegalStateException("PostgreSQL was not started restartable (DevStackConfig.restartable())");
        }
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL: " + e.getMessage(), e);
        } finally {
            postgres = null;
        }
    }

    /** Creates the database unless it is there already, and returns its JDBC URL. */
    synchronized String createDatabase(String name) {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("database names are lower-case identifiers, got: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    synchronized DataSource dataSource(String database) {
        createDatabase(database);
        return postgres.getDatabase(USER, database);
    }

    @Override
    public synchronized void close() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        if (dataDirectory != null) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
