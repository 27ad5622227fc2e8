package io.cronium.execution.launcher;

import io.cronium.common.DirectoryTree;
import io.cronium.execution.OutputSink;
import io.cronium.execution.ProcessStarter;
import io.cronium.execution.ScriptProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Starts scripts through the process launcher ({@link LauncherMain}), a small JVM of this node started at the first
 * run and kept, restarted if it ends. Where it cannot run (no {@code java} binary beside this JVM's, say), scripts
 * are started by the fallback, this JVM itself, and the reason is logged once per minute.
 */
public final class ProcessLauncher implements ProcessStarter, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProcessLauncher.class.getName());
    /** The launcher's classes, copied out of the application to run on their own. */
    static final List<String> CLASSES = List.of("LauncherMain", "LauncherFrames", "LauncherFrames$Fields",
            "LauncherFrames$Handler", "LineReader", "ProcessTrees");
    private static final long RETRY_AFTER_FAILURE_MILLIS = 60_000;

    private final ThreadFactory threads;
    private final long graceMillis;
    private final ProcessStarter fallback;
    private final String java;
    private final Duration greetingTimeout;
    private LauncherConnection connection;
    private Path classes;
    private long failedAt;
    private boolean closed;

    public ProcessLauncher(ThreadFactory threads, long graceMillis, ProcessStarter fallback) {
        this(threads, graceMillis, fallback, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                Duration.ofSeconds(30));
    }

    /**
     * {@code java}: the binary that runs the launcher, this JVM's own by default; {@code greetingTimeout}: how long
     * a launcher may take to start.
     */
    ProcessLauncher(ThreadFactory threads, long graceMillis, ProcessStarter fallback, String java,
                    Duration greetingTimeout) {
        this.threads = threads;
        this.graceMillis = graceMillis;
        this.fallback = fallback;
        this.java = java;
        this.greetingTimeout = greetingTimeout;
    }

    @Override
    public ScriptProcess start(List<String> command, Path directory, Map<String, String> environment, OutputSink lines)
            throws IOException {
        LauncherConnection launcher = launcher();
        return launcher == null ? fallback.start(command, directory, environment, lines)
                : launcher.start(command, directory, environment, lines);
    }

    /** The running launcher, started if need be; null while it cannot run. */
    synchronized LauncherConnection launcher() {
        if (connection != null && connection.alive()) {
            return connection;
        }
        if (closed || (failedAt != 0 && System.currentTimeMillis() - failedAt < RETRY_AFTER_FAILURE_MILLIS)) {
            return null;
        }
        try {
            connection = new LauncherConnection(launch(), threads, graceMillis, greetingTimeout);
            failedAt = 0;
            return connection;
        } catch (IOException | RuntimeException e) {
            failedAt = System.currentTimeMillis();
            LOG.warning(() -> "the process launcher could not start (" + e.getMessage() + "); this server starts"
                    + " scripts itself, a few milliseconds slower each");
            return null;
        }
    }

    private Process launch() throws IOException {
        if (classes == null || !Files.isDirectory(classes)) { // a temp folder cleaner may have removed the copy
            classes = copyClasses();
        }
        // small and quick to warm up: about 40 MB resident (docs/BENCHMARKS.md)
        var builder = new ProcessBuilder(java, "-Xmx48m", "-Xms8m", "-Xss256k", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
                "-XX:MaxMetaspaceSize=32m", "-XX:-UsePerfData", "-XX:+DisplayVMOutputToStderr",
                "-cp", classes.toString(), LauncherMain.class.getName(), Long.toString(graceMillis))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        // its own environment is not the server's (which may hold the server's secrets): scripts get theirs per run
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path); // where the launcher finds the interpreters, as the server would
        env.put("LANG", "C.UTF-8");
        return builder.start();
    }

    private static Path copyClasses() throws IOException {
        Path root = Files.createTempDirectory("cronium-launcher");
        Path dir = root.resolve(LauncherMain.class.getPackageName().replace('.', '/'));
        Files.createDirectories(dir);
        for (String name : CLASSES) {
            try (InputStream in = ProcessLauncher.class.getResourceAsStream(name + ".class")) {
                if (in == null) {
                    throw new IOException("class " + name + " not found in the application");
                }
                Files.copy(in, dir.resolve(name + ".class"));
            }
        }
        return root;
    }

    /** The launcher's process id while it runs (for tests and diagnostics), else -1. */
    synchronized long pid() {
        return connection != null && connection.alive() ? connection.pid() : -1;
    }

    /** Ends the launcher, and with it any script still running. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            connection.close();
        }
        DirectoryTree.deleteQuietly(classes);
    }
}
