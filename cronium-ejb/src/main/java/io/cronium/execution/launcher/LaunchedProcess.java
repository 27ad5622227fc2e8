package io.cronium.execution.launcher;

import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import io.cronium.execution.ScriptProcess;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A script the process launcher started, as the server sees it: its lines, its exit, and a way to end it. */
final class LaunchedProcess implements ScriptProcess {

    private final long run;
    private final OutputSink lines;
    private final LauncherConnection launcher;
    private final CompletableFuture<Long> started = new CompletableFuture<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** The pieces of each stream's line in progress; only the launcher's reading thread touches them. */
    private final StringBuilder stdoutPart = new StringBuilder();
    private final StringBuilder stderrPart = new StringBuilder();

    LaunchedProcess(long run, OutputSink lines, LauncherConnection launcher) {
        this.run = run;
        this.lines = lines;
        this.launcher = launcher;
    }

    long run() {
        return run;
    }

    void started(long pid) {
        started.complete(pid);
    }

    void startFailed(String reason) {
        started.completeExceptionally(new IOException(reason));
        closed.complete(null);
    }

    /** A line, or a piece of one ({@code ends} false): pieces are joined, the sink sees whole lines. */
    void line(int channel, String text, boolean ends) {
        boolean stderr = channel == LauncherFrames.STDERR;
        StringBuilder partial = stderr ? stderrPart : stdoutPart;
        if (!ends) {
            partial.append(text);
            return;
        }
        String line = text;
        if (partial.length() > 0) {
            line = partial.append(text).toString();
            partial.setLength(0);
        }
        lines.line(stderr ? OutputChannel.STDERR : OutputChannel.STDOUT, line);
    }

    void exited(int code) {
        exit.complete(code);
    }

    void closed() {
        closed.complete(null);
    }

    /** The launcher ended (it was killed, or failed): the script's end can no longer be known. */
    void launcherEnded() {
        IOException gone = new IOException("the process launcher ended while the script ran");
        started.completeExceptionally(gone); // no effect once it started: its pid stays known
        exit.completeExceptionally(gone);
        closed.complete(null);
    }

    /** Waits for the launcher to say that the process started, or why it could not. */
    void awaitStart(long timeoutMillis) throws IOException {
        try {
            started.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the process launcher did not start the script within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the process launcher started the script");
        }
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public void kill() {
        if (launcher.alive()) {
            launcher.kill(run);
            return;
        }
        // the launcher is gone (killed apart from the server): the script may still run, and has a known pid
        Long pid = started.getNow(null);
        if (pid != null) {
            ProcessHandle.of(pid).ifPresent(h -> ProcessTrees.kill(h, launcher.graceMillis()));
        }
    }

    @Override
    public void awaitOutput(long maxMillis) throws InterruptedException {
        try {
            closed.get(maxMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // what arrived is kept
        }
    }
}
