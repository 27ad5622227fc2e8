package io.cronium.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** A real PostgreSQL for persistence and queue tests, started once per test JVM and migrated like production. */
public final class TestDatabase {

    private static DataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource get() {
        if (dataSource == null) {
            try {
                var postgres = EmbeddedPostgres.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away anyway
                    }
                }));
                dataSource = postgres.getPostgresDatabase();
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
        }
        return dataSource;
    }

    public static Connection connection() throws SQLException {
        return get().getConnection();
    }

    /** A user, an event and a PENDING log, so jobs can be inserted; returns the log id. */
    public static long newLog(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("insert into users (username, password_hash, role) values ('u' || gen_random_uuid(), 'x', 'USER')"
                    + " on conflict do nothing");
            try (var rows = s.executeQuery("with u as (select id from users limit 1),"
                    + " e as (insert into events (owner_id, name, type, content) select id, 'e', 'BASH', 'true' from u returning id, owner_id)"
                    + " insert into logs (event_id, owner_id, status) select id, owner_id, 'PENDING' from e returning id")) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Inserts a QUEUED job for the log with the given priority rank; returns its id. */
    public static long enqueue(Connection c, long logId, int priority) throws SQLException {
        return enqueue(c, logId, priority, "ALLOW", "{}");
    }

    /**
     * Inserts a QUEUED job for the log (and so its event) with a concurrency policy and payload, and the payload's
     * recovery policy on the row as the application writes it; returns its id.
     */
    public static long enqueue(Connection c, long logId, int priority, String concurrency, String payload)
            throws SQLException {
        try (var s = c.prepareStatement("insert into jobs (event_id, log_id, status, priority, payload, concurrency,"
                + " recovery) select event_id, id, 'QUEUED', ?, ?, ?, ? from logs where id = ? returning id")) {
            s.setInt(1, priority);
            s.setString(2, payload);
            s.setString(3, concurrency);
            s.setString(4, payload.contains("\"recovery\":\"FAIL\"") ? "FAIL" : "RERUN");
            s.setLong(5, logId);
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
