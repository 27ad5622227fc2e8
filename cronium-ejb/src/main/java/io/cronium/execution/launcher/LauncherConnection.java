package io.cronium.execution.launcher;

import io.cronium.execution.OutputSink;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** One running launcher JVM: sends it requests and hands what it reports to each run, from one reading thread. */
final class LauncherConnection {

    private static final Logger LOG = Logger.getLogger(LauncherConnection.class.getName());
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final long graceMillis;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, LaunchedProcess> runs = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Void>> kills = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> greeted = new CompletableFuture<>();
    private volatile boolean ended;

    /**
     * Connects to a launcher just started: its greeting must come first, in this protocol's version, within
     * {@code greetingTimeout} (a JVM that neither starts nor ends must not hold up every local run).
     */
    LauncherConnection(Process process, ThreadFactory threads, long graceMillis, Duration greetingTimeout)
            throws IOException {
        this.process = process;
        this.graceMillis = graceMillis;
        this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        Thread reader = threads.newThread(this::read);
        reader.setName("cronium-launcher-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            greeted.get(greetingTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("the process launcher did not greet within " + greetingTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            process.destroyForcibly();
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the process launcher started");
        }
    }

    boolean alive() {
        return !ended && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    long graceMillis() {
        return graceMillis;
    }

    LaunchedProcess start(List<String> command, Path directory, Map<String, String> environment, OutputSink lines)
            throws IOException {
        var launched = new LaunchedProcess(ids.incrementAndGet(), lines, this);
        runs.put(launched.run(), launched);
        try {
            send(LauncherFrames.START, launched.run(), f -> {
                LauncherFrames.writeString(f, directory.toString());
                LauncherFrames.writeList(f, command);
                LauncherFrames.writeMap(f, environment);
            });
            if (ended) { // it ended before this run was registered, so nobody else will tell it
                launched.launcherEnded();
            }
            launched.awaitStart(START_TIMEOUT_MILLIS);
            return launched;
        } catch (IOException e) {
            runs.remove(launched.run());
            throw e;
        }
    }

    /** Ends the run's process tree; returns when the launcher says it is done (or could not say so in time). */
    void kill(long run) {
        var done = new CompletableFuture<Void>();
        kills.put(run, done);
        try {
            send(LauncherFrames.KILL, run, f -> { });
            done.get(graceMillis + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the process launcher did not confirm the end of run " + run, e);
        } finally {
            kills.remove(run);
        }
    }

    private void read() {
        try {
            int kind = in.read();
            int version = kind == LauncherFrames.HELLO ? in.readInt() : -1;
            if (version != LauncherFrames.VERSION) {
                throw new IOException("the process launcher did not greet in protocol version "
                        + LauncherFrames.VERSION + " (first byte " + kind + ", version " + version + ")");
            }
            greeted.complete(null);
            LauncherFrames.readEach(in, this::dispatch);
        } catch (IOException | RuntimeException e) {
            if (!greeted.completeExceptionally(e) && !ended) {
                LOG.log(Level.WARNING, "reading from the process launcher failed", e);
            }
        } finally {
            greeted.completeExceptionally(new IOException("the process launcher ended before it greeted"));
            ended = true;
            runs.values().forEach(LaunchedProcess::launcherEnded);
            runs.clear();
            kills.values().forEach(k -> k.complete(null));
        }
    }

    /** Hands a frame to its run; the frames of a run no longer known (ended, given up) are read and dropped. */
    private void dispatch(int kind, long run) throws IOException {
        LaunchedProcess launched = runs.get(run);
        switch (kind) {
            case LauncherFrames.STARTED -> {
                long pid = in.readLong();
                if (launched != null) {
                    launched.started(pid);
                }
            }
            case LauncherFrames.START_FAILED -> {
                String reason = LauncherFrames.readString(in);
                runs.remove(run);
                if (launched != null) {
                    launched.startFailed(reason);
                }
            }
            case LauncherFrames.LINE, LauncherFrames.PART -> {
                int channel = in.readByte();
                String text = LauncherFrames.readString(in);
                if (launched != null) {
                    launched.line(channel, text, kind == LauncherFrames.LINE);
                }
            }
            case LauncherFrames.EXITED -> {
                int code = in.readInt();
                if (launched != null) {
                    launched.exited(code);
                }
            }
            case LauncherFrames.CLOSED -> {
                runs.remove(run);
                if (launched != null) {
                    launched.closed();
                }
            }
            case LauncherFrames.KILLED -> {
                var kill = kills.get(run);
                if (kill != null) {
                    kill.complete(null);
                }
            }
            default -> throw new IOException("unknown frame " + kind + " from the process launcher");
        }
    }

    private void send(int kind, long run, LauncherFrames.Fields fields) throws IOException {
        synchronized (out) {
            LauncherFrames.write(out, kind, run, fields);
        }
    }

    /** Closes its input: the launcher ends what still runs and exits. */
    void close() {
        ended = true;
        try {
            synchronized (out) {
                out.close();
            }
        } catch (IOException ignored) {
            // it is gone already
        }
        try {
            if (!process.waitFor(graceMillis + 2_000, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
