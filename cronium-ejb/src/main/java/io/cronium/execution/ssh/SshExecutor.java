package io.cronium.execution.ssh;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.Interpreter;
import io.cronium.execution.ScriptOutput;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import io.cronium.logs.entity.PhaseTimings;
import io.cronium.runner.RunnerScript;
import io.cronium.runner.ShellExports;
import io.cronium.runner.TarArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs a script on a remote server over a pooled SSH session. In one command the server checks its copy of the
 * runner against our checksum, unpacks the run's payload (script, environment) from the command's input into a
 * private directory and starts the runner on it; output streams back live. A missing or altered runner is
 * (re)deployed and the command repeated. Timeout and cancel kill the script's whole process group remotely; the
 * payload directory is removed in every case.
 */
public class SshExecutor {

    static final int KILL_GRACE_SECONDS = 3;
    static final int RUNNER_MISSING = 97;
    static final String RUNNER_MISSING_MARK = "cronium: runner missing or altered";
    private static final String DIRECTORY_PREFIX = "cronium-run-";
    private static final Duration SESSION_WAIT = Duration.ofSeconds(30);
    private static final long SHORT_COMMAND_MILLIS = 15_000;

    private final SshSessionPool pool;
    private final ExecutorService readers;
    private final int outputLimitChars;
    private final RunnerScript runner = RunnerScript.get();
    private final HelperTunnels tunnels;

    public SshExecutor(SshSessionPool pool, ExecutorService readers, int outputLimitChars) {
        this(pool, readers, outputLimitChars, null, null);
    }

    /**
     * {@code helperApiPort}: the port of the helper API on this host, which a script reaches through a tunnel over its
     * pooled session (a remote port forward on the server's loopback, opened once per session); null: no tunnel, the
     * helpers work from their files. {@code threads} makes the thread that asks for tunnels.
     */
    public SshExecutor(SshSessionPool pool, ExecutorService readers, int outputLimitChars, Integer helperApiPort,
                       ThreadFactory threads) {
        this.pool = pool;
        this.readers = readers;
        this.outputLimitChars = outputLimitChars;
        this.tunnels = helperApiPort == null ? null : new HelperTunnels(helperApiPort, threads);
    }

    /** Stops the thread that opens tunnels; the sessions themselves belong to the pool. */
    public void close() {
        if (tunnels != null) {
            tunnels.close();
        }
    }

    public String name() {
        return "ssh";
    }

    /** Runs the request on one server; {@code serverKey} identifies the server for the session pool. */
    public ExecutionResult execute(ExecutionRequest request, Object serverKey, SshTarget target, OutputSink sink,
                                   Cancellation cancellation) {
        return execute(request, serverKey, target, sink, cancellation, key -> { });
    }

    /** The same; {@code firstHostKey} receives the host key of a server that had none pinned, to pin it. */
    public ExecutionResult execute(ExecutionRequest request, Object serverKey, SshTarget target, OutputSink sink,
                                   Cancellation cancellation, Consumer<String> firstHostKey) {
        Interpreter interpreter = Interpreter.of(request.type());
        var steps = new LinkedHashMap<String, Long>();
        var output = new ScriptOutput(outputLimitChars, sink, request.helpers());
        var runnerMissing = new AtomicBoolean();
        OutputSink lines = (stream, line) -> {
            if (stream == OutputChannel.STDERR && line.equals(RUNNER_MISSING_MARK)) {
                runnerMissing.set(true);
                return;
            }
            output.lines().line(stream, line);
        };
        String name = DIRECTORY_PREFIX + request.executionId();
        String dir = "/tmp/" + name;
        long t0 = System.nanoTime();
        SshSessionPool.Lease lease;
        try {
            lease = pool.borrow(serverKey, target, SESSION_WAIT);
        } catch (SshFailure e) {
            return failed(e.getMessage(), output, new PhaseTimings(millisSince(t0), 0, 0, Map.of("connect",
                    millisSince(t0))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted while connecting", output, new PhaseTimings(millisSince(t0), 0, 0));
        }
        steps.put("connect", millisSince(t0));
        boolean healthy = true;
        long t1 = System.nanoTime();
        long executionStart = t1;
        try { // from here on the session goes back to the pool whatever happens
            byte[] payload = payload(request, interpreter, name, helperApi(lease.session())).tar();
            if (target.hostKey() == null && lease.hostKey() != null) {
                firstHostKey.accept(lease.hostKey());
            }
            RemoteCommand command = RemoteCommand.start(lease.session(), runCommand(dir, request), payload, lines, readers,
                    (int) SESSION_WAIT.toMillis());
            Integer status = command.await(request.timeout().toMillis(), cancellation.requested());
            if (status != null && status == RUNNER_MISSING && runnerMissing.get()) {
                command.close();
                long deploy = System.nanoTime();
                deployRunner(lease);
                steps.put("runner", millisSince(deploy));
                executionStart = System.nanoTime();
                command = RemoteCommand.start(lease.session(), runCommand(dir, request), payload, lines, readers,
                        (int) SESSION_WAIT.toMillis());
                status = command.await(request.timeout().toMillis(), cancellation.requested());
            }
            long executionMs = millisSince(executionStart);
            steps.put("execution", executionMs);
            if (status == null) {
                long cleanup = System.nanoTime();
                kill(lease, dir);
                command.await((KILL_GRACE_SECONDS + 5) * 1000L, new CompletableFuture<>());
                command.close();
                steps.put("cleanup", millisSince(cleanup));
                var timings = new PhaseTimings(steps.get("connect"), executionMs, steps.get("cleanup"), steps);
                if (cancellation.isRequested()) {
                    return new ExecutionResult(ExecutionOutcome.CANCELLED, null, output.stdout(), output.stderr(),
                            cancellation.reason() + "; the remote process group was killed", timings);
                }
                return new ExecutionResult(ExecutionOutcome.TIMED_OUT, null, output.stdout(), output.stderr(),
                        "timed out after " + request.timeout().toSeconds() + " s; the remote process group was killed",
                        timings);
            }
            command.close();
            var timings = new PhaseTimings(steps.get("connect"), executionMs, 0, steps);
            if (status < 0) {
                healthy = false;
                return failed("execution failed: the connection to " + target + " was lost"
                        + afterLoss(serverKey, target, request.executionId()), output, timings);
            }
            return new ExecutionResult(status == 0 ? ExecutionOutcome.SUCCEEDED : ExecutionOutcome.FAILED, status,
                    output.stdout(), output.stderr(), status == 0 ? null : "exit code " + status, timings);
        } catch (SshFailure e) {
            return failed(e.getMessage(), output, new PhaseTimings(steps.get("connect"), millisSince(t1), 0, steps));
        } catch (JSchException | IOException e) {
            healthy = false;
            return failed("execution failed: " + e.getMessage() + afterLoss(serverKey, target, request.executionId()),
                    output, new PhaseTimings(steps.get("connect"), millisSince(t1), 0, steps));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.request("the server is shutting down");
            kill(lease, dir);
            return new ExecutionResult(ExecutionOutcome.CANCELLED, null, output.stdout(), output.stderr(),
                    "the server is shutting down; the remote process group was killed",
                    new PhaseTimings(steps.get("connect"), millisSince(t1), 0, steps));
        } finally {
            pool.release(lease, healthy);
        }
    }

    /**
     * Checks the runner, unpacks the payload and runs it; the runner's own trap removes the directory when the script
     * ends. A later attempt first stops whatever an earlier attempt of the same job left here (its node died and the
     * job was re-run): the two never overlap on a server.
     */
    private String runCommand(String dir, ExecutionRequest request) {
        String earlier = request.attempt() <= 1 ? "" : "for d in /tmp/" + DIRECTORY_PREFIX + "exec_" + request.jobId()
                + "_*; do [ -d \"$d\" ] && sh \"$R\" kill \"$d\" " + KILL_GRACE_SECONDS + " >/dev/null; done; ";
        return runnerChecked(earlier + "umask 077; tar -xf - -C /tmp && exec sh \"$R\" run " + dir); // the archive holds the directory
    }

    /**
     * {@code then} after the runner (as $R) proved to be this version (a POSIX shell and one of sha256sum, shasum or
     * openssl suffice), else the exit status {@value #RUNNER_MISSING} with the mark on stderr.
     */
    private String runnerChecked(String then) {
        // stderr is redirected before the input, so a missing runner makes no noise; one process per step at most
        return "R=" + runner.path() + "; if command -v sha256sum >/dev/null; then set -- $(sha256sum 2>/dev/null <\"$R\"); "
                + "else set -- $( (shasum -a 256 || openssl dgst -sha256 -r) 2>/dev/null <\"$R\"); fi; "
                + "[ \"${1:-}\" = " + runner.sha256() + " ] || { echo '" + RUNNER_MISSING_MARK + "' >&2; exit "
                + RUNNER_MISSING + "; }; " + then;
    }

    /**
     * The connection went away mid-run, but this node lives: it connects again and stops what the script left (it
     * got no hang-up), so a failed run is not still working on the server.
     */
    private String afterLoss(Object serverKey, SshTarget target, String executionId) {
        try {
            return stopLeftovers(serverKey, target, executionId) == Leftovers.STOPPED
                    ? "; the script still ran there and was stopped" : "";
        } catch (SshFailure e) {
            return "; the script may still run there (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "; the script may still run there";
        }
    }

    /** What stopping a lost attempt's leftovers on a server found. */
    public enum Leftovers { STOPPED, NONE }

    /**
     * Stops what the execution may have left running on a server after its node died mid-run: the script's process
     * group (SIGTERM, SIGKILL after the grace period), then its payload directory.
     */
    public Leftovers stopLeftovers(Object serverKey, SshTarget target, String executionId)
            throws SshFailure, InterruptedException {
        SshSessionPool.Lease lease = pool.borrow(serverKey, target, SESSION_WAIT);
        boolean healthy = true;
        String line = runnerChecked("exec sh \"$R\" kill /tmp/" + DIRECTORY_PREFIX + executionId + " " + KILL_GRACE_SECONDS);
        long waitMillis = SHORT_COMMAND_MILLIS + KILL_GRACE_SECONDS * 1000L;
        try {
            var result = RemoteCommand.result(lease.session(), line, null, readers, waitMillis, SshPhase.EXECUTION);
            if (result.status() == RUNNER_MISSING && result.stderr().contains(RUNNER_MISSING_MARK)) {
                deployRunner(lease);
                result = RemoteCommand.result(lease.session(), line, null, readers, waitMillis, SshPhase.EXECUTION);
            }
            if (result.status() != 0) {
                throw new SshFailure(SshPhase.EXECUTION, "exit status " + result.status() + ": " + result.stderr().strip());
            }
            return result.stdout().contains("stopped") ? Leftovers.STOPPED : Leftovers.NONE;
        } catch (JSchException | IOException e) {
            healthy = false;
            throw new SshFailure(SshPhase.EXECUTION, e.getMessage());
        } finally {
            pool.release(lease, healthy);
        }
    }

    private void deployRunner(SshSessionPool.Lease lease)
            throws JSchException, IOException, InterruptedException, SshFailure {
        String directory = runner.directory();
        RemoteCommand.run(lease.session(), "umask 022; mkdir -p " + directory + " && cat > " + directory
                + "/runner.sh.$$ && mv -f " + directory + "/runner.sh.$$ " + runner.path(),
                runner.text().getBytes(StandardCharsets.UTF_8), readers, SHORT_COMMAND_MILLIS, SshPhase.RUNNER_DEPLOYMENT);
    }

    /** SIGTERM to the script's process group, SIGKILL after the grace period, payload removed; best effort. */
    private void kill(SshSessionPool.Lease lease, String dir) {
        try {
            RemoteCommand.run(lease.session(), "sh " + runner.path() + " kill " + dir + " " + KILL_GRACE_SECONDS,
                    null, readers, SHORT_COMMAND_MILLIS, SshPhase.EXECUTION);
        } catch (SshFailure | JSchException | IOException e) {
            // the connection is gone: the script may live on (see stopLeftovers)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The helper API as a script on this session's server reaches it: the session's tunnel, opened on first use; null
     * when it cannot be (the server forbids forwarding, say): the helpers then work from their files.
     */
    private String helperApi(Session session) {
        if (tunnels == null) {
            return null;
        }
        try {
            return tunnels.address(session);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: the run's first wait ends it
            return null;
        }
    }

    /** The run's directory: environment, command, script, work/, and the helpers (the runner puts helpers/bin on PATH). */
    private static TarArchive payload(ExecutionRequest request, Interpreter interpreter, String dir, String helperApi) {
        Map<String, String> env = new java.util.LinkedHashMap<>(request.runEnvironment());
        if (request.helpers() != null) {
            env.putAll(request.helpers().environment("/tmp/" + dir + "/helpers", "/tmp/" + dir + "/state", null,
                    helperApi));
        }
        List<String> command = new ArrayList<>(interpreter.command());
        command.add("../" + interpreter.fileName()); // run from work/, next to which the script lies
        var payload = new TarArchive()
                .directory(dir)
                .add(dir + "/env.sh", ShellExports.of(env))
                .add(dir + "/command", String.join(" ", command) + "\n")
                .add(dir + "/" + interpreter.fileName(), request.script())
                .directory(dir + "/work");
        if (request.helpers() != null) {
            request.helpers().files().forEach((path, file) ->
                    payload.add(dir + "/helpers/" + path, file.content(), file.executable()));
        }
        return payload;
    }

    private static ExecutionResult failed(String reason, ScriptOutput output, PhaseTimings t) {
        return new ExecutionResult(ExecutionOutcome.FAILED, null, output.stdout(), output.stderr(), reason, t);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
