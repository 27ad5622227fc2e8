package io.cronium.execution;

import io.cronium.common.DirectoryTree;
import io.cronium.logs.entity.PhaseTimings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Runs scripts as local processes of this node (started by its process launcher, or by this JVM), in a fresh work
 * directory with a clean environment. Not a sandbox: it exists so that Cronium runs scripts on a machine without a
 * Docker engine, and says so in every run.
 */
public class LocalProcessExecutor implements Executor {

    static final long KILL_GRACE_MILLIS = 3000;
    /** The helpers' directory and the one that keeps what a script sets, in its work directory. */
    static final String HELPERS = ".cronium";
    static final String HELPER_STATE = ".cronium-state";

    private final String helperApi;
    private final ProcessStarter processes;
    private final Path workRoot;
    private final int outputLimitChars;

    /** Starts scripts from this JVM (tests; the server uses the process launcher). */
    public LocalProcessExecutor(ThreadFactory readerThreads, Path workRoot, int outputLimitChars) {
        this(new DirectProcesses(readerThreads, KILL_GRACE_MILLIS), workRoot, outputLimitChars, null);
    }

    /** {@code helperApi}: the helper API's base URL as a local process reaches it (loopback), or null. */
    public LocalProcessExecutor(ProcessStarter processes, Path workRoot, int outputLimitChars, String helperApi) {
        this.processes = processes;
        this.workRoot = workRoot;
        this.outputLimitChars = outputLimitChars;
        this.helperApi = helperApi;
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public boolean sandboxed() {
        return false;
    }

    @Override
    public ExecutionResult execute(ExecutionRequest request, OutputSink sink, Cancellation cancellation) {
        long t0 = System.nanoTime();
        var output = new ScriptOutput(outputLimitChars, sink, request.helpers());
        Interpreter interpreter = Interpreter.of(request.type());
        Path workDir = null;
        ScriptProcess process;
        try {
            Files.createDirectories(workRoot);
            workDir = Files.createTempDirectory(workRoot, request.executionId() + "-");
            Path script = workDir.resolve(interpreter.fileName());
            Files.writeString(script, request.script(), StandardCharsets.UTF_8);
            if (request.helpers() != null) {
                request.helpers().writeTo(workDir.resolve(HELPERS));
            }
            List<String> command = new ArrayList<>(interpreter.command());
            command.add(script.toString());
            process = processes.start(command, workDir, environment(request, workDir), output.lines());
        } catch (IOException e) {
            long setup = millisSince(t0);
            long cleanup = deleteQuietly(workDir);
            return new ExecutionResult(ExecutionOutcome.FAILED, null, "", "",
                    "could not start " + interpreter.command().get(0) + ": " + e.getMessage(),
                    new PhaseTimings(setup, 0, cleanup));
        }
        long setupMs = millisSince(t0);
        long t1 = System.nanoTime();
        boolean timedOut = false;
        boolean killed = false;
        try {
            try {
                CompletableFuture.anyOf(process.onExit(), cancellation.requested())
                        .get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
            } catch (ExecutionException e) {
                // the process's end cannot be known (the launcher ended): failed below, saying why
            }
            if (process.isAlive()) {
                killed = true;
                process.kill();
            }
            process.awaitOutput(KILL_GRACE_MILLIS);
        } catch (InterruptedException e) {
            killed = true;
            process.kill();
            Thread.currentThread().interrupt();
            cancellation.request("the server is shutting down");
        }
        long executionMs = millisSince(t1);
        long cleanupMs = deleteQuietly(workDir);
        var timings = new PhaseTimings(setupMs, executionMs, cleanupMs);
        if (killed && !timedOut && cancellation.isRequested()) {
            return new ExecutionResult(ExecutionOutcome.CANCELLED, null, output.stdout(), output.stderr(),
                    cancellation.reason() + "; the process was killed", timings);
        }
        if (timedOut) {
            return new ExecutionResult(ExecutionOutcome.TIMED_OUT, null, output.stdout(), output.stderr(),
                    "timed out after " + request.timeout().toSeconds() + " s; the process was killed", timings);
        }
        Throwable lost = process.onExit().handle((code, failure) -> failure).join();
        if (lost != null) {
            return new ExecutionResult(ExecutionOutcome.FAILED, null, output.stdout(), output.stderr(),
                    "the script's end is unknown: " + (lost.getCause() != null ? lost.getCause() : lost).getMessage(),
                    timings);
        }
        int exit = process.onExit().join();
        return new ExecutionResult(exit == 0 ? ExecutionOutcome.SUCCEEDED : ExecutionOutcome.FAILED, exit,
                output.stdout(), output.stderr(), exit == 0 ? null : "exit code " + exit, timings);
    }

    private Map<String, String> environment(ExecutionRequest request, Path workDir) {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("PATH", path);
        env.put("HOME", workDir.toString());
        env.put("TMPDIR", workDir.toString());
        env.put("LANG", "C.UTF-8");
        env.putAll(request.runEnvironment());
        if (request.helpers() != null) {
            env.putAll(request.helpers().environment(workDir.resolve(HELPERS).toString(),
                    workDir.resolve(HELPER_STATE).toString(), path, helperApi));
        }
        return env;
    }

    private static long deleteQuietly(Path dir) {
        long t0 = System.nanoTime();
        DirectoryTree.deleteQuietly(dir);
        return millisSince(t0);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
