package io.cronium.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code java -jar cronium-launcher.jar}: the one command that runs Cronium with nothing else installed;
 * {@code ... rotate-key} re-encrypts the stored secrets under a new key.
 */
public final class CroniumLauncher {

    private CroniumLauncher() {
    }

    public static void main(String[] args) throws Exception {
        LauncherSettings settings;
        try {
            settings = LauncherSettings.from(System.getenv(), distributionDirectory());
        } catch (IllegalArgumentException e) {
            System.err.println("cronium: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args.length > 0 && args[0].equals("rotate-key")) {
            System.exit(KeyRotationCommand.run(settings, System.getenv()));
        }
        if (args.length > 0) {
            System.err.println("cronium: unknown command '" + args[0] + "'; commands: (none) to start, rotate-key");
            System.exit(2);
        }
        System.exit(run(settings));
    }

    static int run(LauncherSettings settings) throws Exception {
        KeyMaterial keys = KeyMaterial.ensure(settings.dataDir(), System.getenv());
        if (keys.encryptionKeyGenerated()) {
            say("generated an encryption key in " + settings.dataDir().resolve("keys/encryption.key")
                    + ": back it up; without it stored secrets cannot be read. Set ENCRYPTION_KEY to use your own.");
        }
        EmbeddedDatabase embedded = null;
        DatabaseTarget database;
        if (settings.databaseUrl().isPresent()) {
            database = new DatabaseTarget(settings.databaseUrl().get(), settings.databaseUser(), settings.databasePassword());
            say("using the database at " + settings.databaseUrl().get());
        } else {
            long t0 = System.nanoTime();
            embedded = EmbeddedDatabase.start(settings.dataDir());
            database = embedded.target();
            say("embedded PostgreSQL started in " + (System.nanoTime() - t0) / 1_000_000 + " ms on port "
                    + embedded.port() + ", data in " + settings.dataDir().resolve("postgres"));
        }
        PayaraMicroProcess server = PayaraMicroProcess.start(settings, database, keys);
        EmbeddedDatabase database0 = embedded;
        Thread shutdown = new Thread(() -> stopAll(server, database0), "cronium-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        if (server.awaitReady(Duration.ofMinutes(5))) {
            say("Cronium is ready: open http://localhost:" + settings.port() + "/ and log in as admin"
                    + " (API: http://localhost:" + settings.port() + "/api/v1). Stop with Ctrl-C.");
        } else if (server.isAlive()) {
            say("the server did not become ready in 5 minutes; see its output above");
        }
        int exit = server.waitFor();
        // The server ended on its own (not through Ctrl-C): stop the database ourselves, then leave.
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
            stopAll(server, embedded);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already shutting down: the hook does the stopping
        }
        return exit;
    }

    private static void stopAll(PayaraMicroProcess server, EmbeddedDatabase database) {
        try {
            server.stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (database != null) {
            try {
                database.close();
                say("embedded PostgreSQL stopped");
            } catch (Exception e) {
                System.err.println("cronium: stopping PostgreSQL failed: " + e.getMessage());
            }
        }
    }

    private static Path distributionDirectory() throws URISyntaxException {
        return Path.of(CroniumLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static void say(String message) {
        System.out.println("[cronium] " + message);
    }
}
