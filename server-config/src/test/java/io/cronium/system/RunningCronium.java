package io.cronium.system;

import io.cronium.launcher.EmbeddedDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application started the way the README starts it (the launcher jar of the distribution), once for the whole
 * suite: every system and browser test talks to this one instance. Its output goes to target/system-cronium.log.
 */
public final class RunningCronium {

    public static final String ADMIN_PASSWORD = "system-test-admin-pw";
    /** The password reset window per address of the system-test server (PasswordResetIT fills it). */
    public static final int RESET_WINDOW_SECONDS = 5;
    /** Calls per webhook key and minute on the system-test server (WebhooksIT exceeds it). */
    static final int WEBHOOK_CALLS_PER_MINUTE = 20;
    private static RunningCronium instance;

    private final Path dataDir;
    private final int port;
    private final LocalSmtpServer mail;
    private final List<String> output = new ArrayList<>();
    private Process process;
    private Thread pump;

    private RunningCronium(Path dataDir, int port, LocalSmtpServer mail) {
        this.dataDir = dataDir;
        this.port = port;
        this.mail = mail;
    }

    public static synchronized RunningCronium get() {
        if (instance == null) {
            try {
                Path data = Path.of("target", "system-data").toAbsolutePath();
                deleteTree(data);
                Files.deleteIfExists(Path.of("target", "system-cronium.log"));
                instance = new RunningCronium(data, EmbeddedDatabase.freePort(), new LocalSmtpServer());
                instance.start();
                Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
            } catch (Exception e) {
                throw new IllegalStateException("Cronium did not start", e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The SMTP server the application sends its e-mail to. */
    public LocalSmtpServer mail() {
        return mail;
    }

    /** A connection to its embedded PostgreSQL, as the port the launcher printed says. */
    public Connection database() throws SQLException {
        var port = Pattern.compile("embedded PostgreSQL started in \\d+ ms on port (\\d+)");
        String last = null;
        for (String line : output()) {
            var m = port.matcher(line);
            if (m.find()) {
                last = m.group(1);
            }
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + last + "/cronium", "postgres", "");
    }

    public Path dataDir() {
        return dataDir;
    }

    public synchronized List<String> output() {
        return List.copyOf(output);
    }

    /** Starts the launcher and waits for its ready line. */
    public void start() throws IOException, InterruptedException {
        start(java.util.Map.of());
    }

    /** Starts the launcher with extra environment (settings of the application) and waits for its ready line. */
    public void start(java.util.Map<String, String> settings) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("cronium.dist", "target/cronium"));
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", dist.resolve("cronium-launcher.jar").toString()).redirectErrorStream(true);
        builder.environment().put("CRONIUM_DATA_DIR", dataDir.toString());
        builder.environment().put("CRONIUM_PORT", Integer.toString(port));
        builder.environment().put("CRONIUM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("CRONIUM_MAIL_HOST", "127.0.0.1");
        builder.environment().put("CRONIUM_MAIL_PORT", Integer.toString(mail.port()));
        builder.environment().put("CRONIUM_MAIL_FROM", "cronium@test.local");
        builder.environment().put("CRONIUM_PUBLIC_URL", baseUrl());
        builder.environment().put("CRONIUM_DOCKER_SWEEP_EVERY_SECONDS", "2"); // ContainerIT waits for a sweep
        builder.environment().put("CRONIUM_SERVERS_CHECK_TICK_SECONDS", "2"); // ServersIT waits for a health check
        builder.environment().put("CRONIUM_SERVERS_PURGE_EVERY_SECONDS", "2"); // ServerRetentionIT waits for a purge
        builder.environment().put("CRONIUM_SSH_SWEEP_EVERY_SECONDS", "2"); // RemoteRunIT waits for a remote sweep
        builder.environment().put("CRONIUM_WORKFLOWS_SWEEP_EVERY_SECONDS", "2"); // WorkflowRunsIT waits for a sweep
        builder.environment().put("CRONIUM_PASSWORD_RESET_MAX_PER_ADDRESS", "25"); // PasswordResetIT fills it
        builder.environment().put("CRONIUM_WEBHOOKS_MAX_PER_MINUTE", Integer.toString(WEBHOOK_CALLS_PER_MINUTE));
        builder.environment().put("CRONIUM_PASSWORD_RESET_ADDRESS_WINDOW_SECONDS", Integer.toString(RESET_WINDOW_SECONDS));
        builder.environment().putAll(settings);
        process = builder.start();
        var ready = new CountDownLatch(1);
        var log = Path.of("target", "system-cronium.log");
        pump = new Thread(() -> {
            try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var file = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (this) {
                        output.add(line);
                    }
                    file.write(line);
                    file.newLine();
                    file.flush();
                    if (line.contains("[cronium] Cronium is ready")) {
                        ready.countDown();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.countDown();
        }, "cronium-output");
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(5, TimeUnit.MINUTES) || !process.isAlive()) {
            throw new IllegalStateException("Cronium did not become ready; see " + log.toAbsolutePath());
        }
    }

    /** Runs a launcher command (e.g. rotate-key) on this instance's data directory; returns its output. */
    public String command(String... args) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("cronium.dist", "target/cronium"));
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", dist.resolve("cronium-launcher.jar").toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CRONIUM_DATA_DIR", dataDir.toString());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("launcher " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** Stops it as Ctrl-C would (SIGTERM to the launcher), waiting for the launcher to stop everything. */
    public void stop() {
        if (process != null && process.isAlive()) {
            // ProcessHandle.destroy sends SIGTERM and, unlike Process.destroy, leaves our end of its output open,
            // so the shutdown messages are still read.
            process.toHandle().destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
                pump.join(10_000); // its last lines (the shutdown messages) are read before we look at them
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The application server's threads now (jcmd Thread.print on the launcher's Payara Micro process), also written to target/{@code label}-threads.txt: for a test that
     * waited in vain for the server to do something, to show what its threads were doing instead.
     */
    public String threadDump(String label) {
        long pid = process.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
        try {
            var jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            Files.writeString(Path.of("target", label + "-threads.txt"), dump);
            return dump;
        } catch (IOException e) {
            return "no thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }


    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
