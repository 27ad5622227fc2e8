package io.cronium.execution.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.events.entity.EventType;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.OutputSink;
import io.cronium.runner.RunnerScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SSH executor against the real sshd hosts of server-config/ssh/start-hosts.sh (network namespaces, each with
 * its own /tmp), as .ci/run sets them up.
 */
class SshExecutorTest {

    static final Path BASE = Path.of("/run/cronium-ssh");
    static final AtomicInteger RUNS = new AtomicInteger();
    static ExecutorService readers;
    static SshSessionPool pool;
    static SshExecutor executor;

    @BeforeAll
    static void hosts() {
        assertTrue(Files.isReadable(BASE.resolve("keys/id_ed25519")), "these tests need the SSH test hosts: run "
                + "server-config/ssh/start-hosts.sh as root (.ci/run does)");
        readers = Executors.newCachedThreadPool();
        pool = new SshSessionPool(new SshConnector(Duration.ofSeconds(5)), 4, Duration.ofMinutes(1));
        executor = new SshExecutor(pool, readers, 100_000);
    }

    @AfterAll
    static void close() {
        pool.close();
        readers.shutdownNow();
    }

    static String read(String file) {
        try {
            return Files.readString(BASE.resolve(file)).strip();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SshTarget keyTarget(int host) {
        return new SshTarget("10.77.0.1" + host, 22, "cronium-test", read("keys/id_ed25519") + "\n", null, null, null);
    }

    static ExecutionRequest request(EventType type, String script, Duration timeout) {
        return new ExecutionRequest("exec_9_" + System.currentTimeMillis() + "_" + RUNS.incrementAndGet(), 9, 10, 11,
                1, type, script, Map.of("GREETING", "hi 'there' $HOME"), timeout, null, null, null);
    }

    static ExecutionResult run(int host, EventType type, String script) {
        return executor.execute(request(type, script, Duration.ofSeconds(30)), "host" + host, keyTarget(host),
                OutputSink.DISCARD, new Cancellation());
    }

    /** A command on a host as the test user, outside the executor. */
    static String ssh(int host, String command) throws Exception {
        var session = new SshConnector(Duration.ofSeconds(5)).connect(keyTarget(host)).session();
        try {
            return RemoteCommand.run(session, command, null, readers, 15_000, SshPhase.EXECUTION);
        } finally {
            session.disconnect();
        }
    }

    @Test
    void scriptsOfEveryTypeRunWithTheirExitCodesAndEnvironment() throws Exception {
        var bash = run(1, EventType.BASH, "echo \"$GREETING\" $CRONIUM_ATTEMPT; hostname; pwd; echo oops >&2; exit 3");
        assertEquals(ExecutionOutcome.FAILED, bash.outcome());
        assertEquals(3, bash.exitCode());
        String[] lines = bash.stdout().split("\n");
        assertEquals("hi 'there' $HOME 1", lines[0]);
        assertEquals("host1", lines[1], "ran on the first host");
        assertTrue(lines[2].startsWith("/tmp/cronium-run-exec_9_"), lines[2]);
        assertEquals("oops\n", bash.stderr());
        var python = run(2, EventType.PYTHON, "import socket\nprint('py', socket.gethostname())");
        assertEquals(ExecutionOutcome.SUCCEEDED, python.outcome(), python.failureReason());
        assertEquals("py host2\n", python.stdout());
        var node = run(3, EventType.NODE, "console.log(require('os').hostname()); process.exit(4)");
        assertEquals("host3\n", node.stdout());
        assertEquals(4, node.exitCode());
        assertEquals("", ssh(1, "ls -d /tmp/cronium-run-exec_9_* 2>/dev/null || true"), "payloads are removed");
    }

    @Test
    void outputArrivesLiveAndStdoutAndStderrApart() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var first = new CompletableFuture<Void>();
        var running = CompletableFuture.supplyAsync(() -> executor.execute(request(EventType.BASH,
                "echo one; echo two >&2; sleep 2; echo three", Duration.ofSeconds(30)), "host1", keyTarget(1),
                (stream, line) -> {
                    lines.add(stream + ":" + line);
                    first.complete(null);
                }, new Cancellation()));
        first.get(10, TimeUnit.SECONDS);
        assertFalse(running.isDone(), "the first line arrived while the script ran");
        var result = running.get(30, TimeUnit.SECONDS);
        assertEquals("one\nthree\n", result.stdout());
        assertEquals("two\n", result.stderr());
        assertTrue(lines.containsAll(List.of("STDOUT:one", "STDERR:two", "STDOUT:three")), lines.toString());
    }

    @Test
    void theRunnerIsDeployedOnceReusedAndRedeployedWhenAltered() throws Exception {
        var runner = RunnerScript.get();
        ssh(2, "rm -rf " + runner.directory());
        var first = run(2, EventType.BASH, "true");
        assertTrue(first.timings().steps().containsKey("runner"), "deployed: " + first.timings().steps());
        var second = run(2, EventType.BASH, "true");
        assertFalse(second.timings().steps().containsKey("runner"), "reused: " + second.timings().steps());
        assertEquals(runner.sha256(), ssh(2, "sha256sum " + runner.path()).substring(0, 64));

        ssh(2, "echo 'echo tampered' >> " + runner.path());
        var third = run(2, EventType.BASH, "echo fine");
        assertEquals(ExecutionOutcome.SUCCEEDED, third.outcome(), third.failureReason());
        assertEquals("fine\n", third.stdout(), "the altered runner never ran");
        assertTrue(third.timings().steps().containsKey("runner"), "re-deployed: " + third.timings().steps());
        assertEquals(runner.sha256(), ssh(2, "sha256sum " + runner.path()).substring(0, 64));
    }

    @Test
    void sessionsAreReusedBetweenRuns() throws Exception {
        run(3, EventType.BASH, "true");
        assertEquals(1, pool.idleCount("host3"));
        var again = run(3, EventType.BASH, "true");
        assertEquals(ExecutionOutcome.SUCCEEDED, again.outcome());
        assertEquals(1, pool.idleCount("host3"), "the same session went back");
        var lease = pool.borrow("host3", keyTarget(3), Duration.ofSeconds(5));
        try {
            assertTrue(lease.reused(), "no new handshake: the idle session was lent");
            assertNull(lease.hostKey(), "a reused session has no first host key to pin");
        } finally {
            pool.release(lease, true);
        }
    }

    @Test
    void theTimeoutKillsTheWholeRemoteProcessGroup() throws Exception {
        String marker = "98" + RUNS.incrementAndGet() + ".5";
        var result = executor.execute(request(EventType.BASH, "trap '' TERM; sleep " + marker + " & echo started; wait",
                Duration.ofSeconds(2)), "host1", keyTarget(1), OutputSink.DISCARD, new Cancellation());
        assertEquals(ExecutionOutcome.TIMED_OUT, result.outcome());
        assertEquals("started\n", result.stdout());
        assertTrue(result.failureReason().contains("remote process group was killed"), result.failureReason());
        // [p]: the pattern must not match the shell that runs pgrep
        assertEquals("", ssh(1, "pgrep -f 'slee[p] " + marker + "' || true"), "nothing of the run is left");
        assertEquals("", ssh(1, "ls -d /tmp/cronium-run-exec_9_* 2>/dev/null || true"));
    }

    @Test
    void cancellingStopsTheRemoteScript() throws Exception {
        var cancellation = new Cancellation();
        var started = new CompletableFuture<Void>();
        var running = CompletableFuture.supplyAsync(() -> executor.execute(request(EventType.BASH,
                "echo up; sleep 100", Duration.ofSeconds(60)), "host3", keyTarget(3),
                (s, l) -> started.complete(null), cancellation));
        started.get(10, TimeUnit.SECONDS);
        cancellation.request("cancelled by carol");
        var result = running.get(20, TimeUnit.SECONDS);
        assertEquals(ExecutionOutcome.CANCELLED, result.outcome());
        assertEquals("cancelled by carol; the remote process group was killed", result.failureReason());
        assertNull(result.exitCode());
    }

    @Test
    void passwordLoginsRunToo() {
        var target = new SshTarget("10.77.0.12", 22, "cronium-test", null, null, read("password"), null);
        var result = executor.execute(request(EventType.BASH, "id -un", Duration.ofSeconds(30)), "host2-password",
                target, OutputSink.DISCARD, new Cancellation());
        assertEquals(ExecutionOutcome.SUCCEEDED, result.outcome(), result.failureReason());
        assertEquals("cronium-test\n", result.stdout());
    }

    @Test
    void aServerThatKeepsFailingFailsFastUntilItsCircuitLetsATrialThrough() throws Exception {
        var quick = new SshSessionPool(new SshConnector(Duration.ofSeconds(5)), 2, Duration.ofMinutes(1), 3,
                Duration.ofSeconds(2));
        var breaking = new SshExecutor(quick, readers, 10_000);
        var target = new SshTarget("10.77.0.11", 2222, "cronium-test", read("keys/id_ed25519") + "\n", null, null, null);
        for (int i = 0; i < 3; i++) {
            var result = breaking.execute(request(EventType.BASH, "true", Duration.ofSeconds(30)), "down", target,
                    OutputSink.DISCARD, new Cancellation());
            assertTrue(result.failureReason().contains("refused"), result.failureReason());
        }
        assertEquals("OPEN", quick.circuitState("down"));
        var fast = breaking.execute(request(EventType.BASH, "true", Duration.ofSeconds(30)), "down", target,
                OutputSink.DISCARD, new Cancellation());
        assertTrue(fast.failureReason().contains("circuit open after 3 failed attempts"), fast.failureReason());
        Thread.sleep(2100);
        // the host is back (here: the right port); the trial connection closes the circuit again
        var up = new SshTarget("10.77.0.11", 22, "cronium-test", read("keys/id_ed25519") + "\n", null, null, null);
        var result = breaking.execute(request(EventType.BASH, "echo back", Duration.ofSeconds(30)), "down", up,
                OutputSink.DISCARD, new Cancellation());
        assertEquals("back\n", result.stdout(), result.failureReason());
        assertEquals("CLOSED", quick.circuitState("down"));
        quick.close();
    }

    /**
     * JSch answers a tunnel request by interrupting the asking thread, sometimes after it moved on; that stray
     * interrupt once broke the run's channel ("channel is not opened.") on a fresh session. Every run here opens a
     * fresh session and its tunnel (before the fix, about one in 65 failed).
     */
    @Test
    void openingTheHelperTunnelNeverBreaksTheRun() throws Exception {
        var fresh = new SshSessionPool(new SshConnector(Duration.ofSeconds(5)), 2, Duration.ZERO);
        var tunnelled = new SshExecutor(fresh, readers, 10_000, 8080, Thread::new);
        try {
            for (int i = 0; i < 100; i++) {
                var result = tunnelled.execute(request(EventType.BASH, "echo " + i, Duration.ofSeconds(30)), "tunnel",
                        keyTarget(1 + i % 3), OutputSink.DISCARD, new Cancellation());
                assertEquals(i + "\n", result.stdout(), "run " + i + ": " + result.failureReason());
                assertFalse(Thread.currentThread().isInterrupted(), "run " + i + " left the thread interrupted");
            }
        } finally {
            tunnelled.close();
            fresh.close();
        }
    }

    @Test
    void anUnreachableServerFailsNamingThePhase() {
        var target = new SshTarget("10.77.0.11", 2222, "cronium-test", read("keys/id_ed25519") + "\n", null, null, null);
        var result = executor.execute(request(EventType.BASH, "true", Duration.ofSeconds(30)), "closed", target,
                OutputSink.DISCARD, new Cancellation());
        assertEquals(ExecutionOutcome.FAILED, result.outcome());
        assertEquals("TCP connect failed: connection to 10.77.0.11:2222 refused", result.failureReason());
    }

    /**
     * A node that dies mid-run leaves the script running on the server (an exec channel without a terminal gets no
     * hang-up): here an ssh client starts a run the way the executor does and is killed. Returns the lost
     * execution's id once its script runs.
     */
    static String loseAnAttempt(long jobId, String pidFile) throws Exception {
        run(1, EventType.BASH, "true"); // the runner is deployed
        String executionId = "exec_" + jobId + "_" + System.currentTimeMillis();
        String dir = "/tmp/cronium-run-" + executionId;
        Process client = new ProcessBuilder("ssh", "-i", BASE.resolve("keys/id_ed25519").toString(),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "BatchMode=yes", "cronium-test@10.77.0.11",
                "mkdir -p " + dir + "/work && echo 'bash ../script.sh' > " + dir + "/command && : > " + dir + "/env.sh"
                        + " && echo 'echo $$ > " + pidFile + "; sleep 300' > " + dir + "/script.sh"
                        + " && exec sh " + RunnerScript.get().path() + " run " + dir).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ssh(1, "cat " + pidFile + " 2>/dev/null || true").isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the lost attempt's script never started");
            Thread.sleep(100);
        }
        client.destroyForcibly(); // the node dies, its connection with it
        client.waitFor();
        assertEquals("alive\n", ssh(1, "kill -0 $(cat " + pidFile + ") && echo alive"), "the script lives on unseen");
        return executionId;
    }

    /** Cuts every SSH connection of the test user to a host, as a network failure would. */
    static void dropConnections(int host) throws Exception {
        var kill = new ProcessBuilder("sh", "-c", "for p in $(ip netns pids cronium-ssh" + host + "); do"
                + " grep -q 'sshd: cronium-test' /proc/$p/cmdline 2>/dev/null && kill -KILL $p; done; true")
                .redirectErrorStream(true).start();
        assertEquals(0, kill.waitFor(), new String(kill.getInputStream().readAllBytes()));
    }

    @Test
    void aConnectionLostMidRunIsFollowedByStoppingTheScript() throws Exception {
        String pidFile = "/tmp/lost-" + RUNS.incrementAndGet() + ".pid";
        var running = CompletableFuture.supplyAsync(() -> executor.execute(request(EventType.BASH,
                "echo $$ > " + pidFile + "; sleep 300", Duration.ofSeconds(600)), "host1", keyTarget(1),
                OutputSink.DISCARD, new Cancellation()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ssh(1, "cat " + pidFile + " 2>/dev/null || true").isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the script never started");
            Thread.sleep(100);
        }
        dropConnections(1);
        var result = running.get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionOutcome.FAILED, result.outcome());
        assertTrue(result.failureReason().contains("was lost; the script still ran there and was stopped"),
                result.failureReason());
        assertEquals("gone\n", ssh(1, "kill -0 $(cat " + pidFile + ") 2>/dev/null && echo alive || echo gone; rm " + pidFile));
    }

    @Test
    void aLaterAttemptFirstStopsWhatTheLostOneLeftRunning() throws Exception {
        String pidFile = "/tmp/lost-" + RUNS.incrementAndGet() + ".pid";
        String lost = loseAnAttempt(4242, pidFile);
        var retry = executor.execute(new ExecutionRequest("exec_4242_" + System.currentTimeMillis() + "_2", 4242, 10, 11,
                2, EventType.BASH, "kill -0 $(cat " + pidFile + ") 2>/dev/null && echo alive || echo gone",
                Map.of(), Duration.ofSeconds(30), null, null, null), "host1", keyTarget(1), OutputSink.DISCARD, new Cancellation());
        assertEquals("gone\n", retry.stdout(), "attempt 2 ran only once attempt 1's script was stopped");
        assertEquals("", ssh(1, "ls -d /tmp/cronium-run-" + lost + " 2>/dev/null || true; rm " + pidFile), "its payload removed");
    }

    @Test
    void theLeftoversOfALostAttemptAreStoppedOnRequest() throws Exception {
        String pidFile = "/tmp/lost-" + RUNS.incrementAndGet() + ".pid";
        String lost = loseAnAttempt(4343, pidFile);
        assertEquals(SshExecutor.Leftovers.STOPPED, executor.stopLeftovers("host1", keyTarget(1), lost));
        assertEquals("gone\n", ssh(1, "kill -0 $(cat " + pidFile + ") 2>/dev/null && echo alive || echo gone"));
        assertEquals("", ssh(1, "ls -d /tmp/cronium-run-" + lost + " 2>/dev/null || true; rm " + pidFile));
        assertEquals(SshExecutor.Leftovers.NONE, executor.stopLeftovers("host1", keyTarget(1), lost), "idempotent");
    }
}
