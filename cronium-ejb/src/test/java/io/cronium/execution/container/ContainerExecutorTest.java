package io.cronium.execution.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.NetworkAccess;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.ExecutionSpec;
import io.cronium.execution.OutputSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container executor against the real Docker engine of this machine and the images of
 * server-config/docker/build-images.sh (both set up by .ci/run). Every test also checks that the run left nothing
 * behind on the engine.
 */
class ContainerExecutorTest {

    static final DockerEngine ENGINE = new DockerEngine("unix:///var/run/docker.sock");
    static final AtomicInteger RUNS = new AtomicInteger();
    static final RunOwner OWNER = new RunOwner("test-installation", "test-node");

    final List<String> executions = new CopyOnWriteArrayList<>();

    @TempDir
    Path files;

    @BeforeAll
    static void engineAnswers() {
        assertTrue(ENGINE.reachable(), "these tests need a Docker engine: run server-config/docker/start-engine.sh "
                + "and build-images.sh (.ci/run does both)");
    }

    @AfterEach
    void nothingIsLeftOnTheEngine() throws IOException {
        var docker = ENGINE.client();
        for (String execution : executions) {
            var label = Map.of(ContainerLabels.EXECUTION, execution);
            assertEquals(List.of(), docker.listContainersCmd().withShowAll(true).withLabelFilter(label).exec(),
                    "containers of " + execution);
            var volumes = docker.listVolumesCmd().withFilter("label", List.of(ContainerLabels.EXECUTION + "=" + execution))
                    .exec().getVolumes();
            assertTrue(volumes == null || volumes.isEmpty(), "volumes of " + execution + ": " + volumes);
            assertEquals(List.of(), docker.listNetworksCmd().withFilter("label",
                    List.of(ContainerLabels.EXECUTION + "=" + execution)).exec(), "networks of " + execution);
        }
        if (files != null) {
            try (var left = Files.list(files)) {
                assertEquals(List.of(), left.toList(), "run files on the host");
            }
        }
    }

    ExecutionRequest request(EventType type, String script, Duration timeout, ResourceLimits limits) {
        String id = "exec_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() + "_" + RUNS.incrementAndGet();
        executions.add(id);
        return new ExecutionRequest(id, 1, 2, 3, 1, type, script, Map.of("GREETING", "hi 'quoted' $HOME"), timeout,
                null, new ExecutionSpec(Isolation.CONTAINER, limits, new HttpCall()), null);
    }

    ExecutionRequest request(EventType type, String script) {
        return request(type, script, Duration.ofSeconds(30), new ResourceLimits());
    }

    ExecutionResult run(ExecutionRequest request) {
        return run(request, OutputSink.DISCARD, new Cancellation());
    }

    ExecutionResult run(ExecutionRequest request, OutputSink sink, Cancellation cancellation) {
        return new ContainerExecutor(ENGINE, ContainerImages.DEFAULT, OWNER, 100_000, files).execute(request, sink,
                cancellation);
    }

    @Test
    void bashPythonAndNodeSucceedAndFailWithTheirExitCodes() {
        var bash = run(request(EventType.BASH, "echo \"$GREETING\" $CRONIUM_RUN_ID; id -u; pwd; exit 0"));
        assertEquals(ExecutionOutcome.SUCCEEDED, bash.outcome(), bash.failureReason());
        String[] lines = bash.stdout().split("\n");
        assertEquals("hi 'quoted' $HOME", lines[0].substring(0, lines[0].indexOf(" exec_")),
                "values reach the script unchanged, quotes and dollars included");
        assertEquals("1000", lines[1], "scripts run as a non-root user");
        assertEquals("/work", lines[2]);
        var failing = run(request(EventType.BASH, "echo before; exit 3"));
        assertEquals(ExecutionOutcome.FAILED, failing.outcome());
        assertEquals(3, failing.exitCode());
        assertEquals("exit code 3", failing.failureReason());

        var python = run(request(EventType.PYTHON, "import sys\nprint('py', sys.version_info[0])\nsys.exit(4)"));
        assertEquals("py 3\n", python.stdout());
        assertEquals(4, python.exitCode());
        var node = run(request(EventType.NODE, "console.log('node', 1 + 1); process.exit(5)"));
        assertEquals("node 2\n", node.stdout());
        assertEquals(5, node.exitCode());
        var nodeOk = run(request(EventType.NODE, "console.error('warn')"));
        assertEquals(ExecutionOutcome.SUCCEEDED, nodeOk.outcome(), nodeOk.failureReason());
        assertEquals("warn\n", nodeOk.stderr());
        assertTrue(nodeOk.timings().steps().keySet().containsAll(List.of("network", "image", "container", "execution",
                "cleanup")), nodeOk.timings().steps().toString());
    }

    @Test
    void stdoutAndStderrArriveApartWhileTheScriptRuns() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var firstLine = new CompletableFuture<Void>();
        var running = CompletableFuture.supplyAsync(() -> run(request(EventType.BASH,
                "echo out1; echo err1 >&2; sleep 3; echo out2"), (stream, line) -> {
                    lines.add(stream + ":" + line);
                    firstLine.complete(null);
                }, new Cancellation()));
        firstLine.get(20, TimeUnit.SECONDS);
        assertTrue(!running.isDone(), "the first line arrived while the script still ran");
        var result = running.get(30, TimeUnit.SECONDS);
        assertEquals("out1\nout2\n", result.stdout());
        assertEquals("err1\n", result.stderr());
        assertTrue(lines.containsAll(List.of("STDOUT:out1", "STDERR:err1", "STDOUT:out2")), lines.toString());
    }

    @Test
    void exceedingTheMemoryLimitIsReportedAsOutOfMemory() {
        var limits = new ResourceLimits(1, 32, 128, 16, NetworkAccess.NONE);
        var result = run(request(EventType.PYTHON, "x = bytearray(200 * 1024 * 1024)\nprint('not reached')",
                Duration.ofSeconds(30), limits));
        assertEquals(ExecutionOutcome.FAILED, result.outcome());
        assertEquals(137, result.exitCode());
        assertTrue(result.failureReason().startsWith("out of memory"), result.failureReason());
        assertTrue(result.failureReason().contains("32 MB"), result.failureReason());
    }

    @Test
    void aForkBombStopsAtThePidsLimitAndTheTimeoutEndsIt() {
        var limits = new ResourceLimits(0.5, 64, 32, 16, NetworkAccess.NONE);
        var result = run(request(EventType.BASH, "bomb() { bomb | bomb & }; bomb; sleep 60",
                Duration.ofSeconds(4), limits));
        assertEquals(ExecutionOutcome.TIMED_OUT, result.outcome(), result.failureReason());
        assertTrue(result.stderr().contains("Resource temporarily unavailable"), result.stderr());
    }

    @Test
    void thereIsNoNetworkByDefaultAndAPrivateOneOnRequest() {
        String probe = "import socket\ntry:\n    socket.create_connection(('10.255.255.1', 80), timeout=2)\n"
                + "except OSError as e:\n    print(type(e).__name__, e.errno)\n"
                + "print(sorted(n for _, n in socket.if_nameindex()))";
        var none = run(request(EventType.PYTHON, probe));
        assertTrue(none.stdout().contains("['lo']"), "only loopback: " + none.stdout());
        assertTrue(none.stdout().contains("OSError 101"), "network unreachable: " + none.stdout());
        var limits = new ResourceLimits(1, 256, 128, 16, NetworkAccess.PER_RUN);
        var own = run(request(EventType.PYTHON, "import socket\nprint(sorted(n for _, n in socket.if_nameindex()))",
                Duration.ofSeconds(30), limits));
        assertEquals(ExecutionOutcome.SUCCEEDED, own.outcome(), own.failureReason());
        assertTrue(own.stdout().contains("eth0"), "a network of its own: " + own.stdout());
        assertTrue(own.timings().steps().containsKey("network"), "creating the network is a step of its own");
    }

    @Test
    void theRootFilesystemIsReadOnlyAndTheWorkDirectoryWritable() {
        var result = run(request(EventType.BASH, """
                touch /evil 2>&1 || echo root-refused
                echo data > /work/file && cat /work/file
                echo tmp > /tmp/file && cat /tmp/file
                echo more > /cronium/x 2>&1 || echo files-refused
                grep -E '^(CapEff|NoNewPrivs)' /proc/self/status
                """));
        assertEquals(ExecutionOutcome.SUCCEEDED, result.outcome(), result.failureReason());
        assertTrue(result.stdout().contains("Read-only file system"), result.stdout());
        assertTrue(result.stdout().contains("root-refused\ndata\ntmp\n"), result.stdout());
        assertTrue(result.stdout().contains("files-refused"), result.stdout());
        assertTrue(result.stdout().contains("CapEff:\t0000000000000000"), result.stdout());
        assertTrue(result.stdout().contains("NoNewPrivs:\t1"), result.stdout());
    }

    @Test
    void theTimeoutStopsTheContainerEvenWhenTheScriptIgnoresSigterm() {
        var result = run(request(EventType.BASH, "trap '' TERM; echo started; sleep 100", Duration.ofSeconds(2),
                new ResourceLimits()));
        assertEquals(ExecutionOutcome.TIMED_OUT, result.outcome());
        assertEquals("started\n", result.stdout());
        assertTrue(result.failureReason().startsWith("timed out after 2 s"), result.failureReason());
    }

    @Test
    void cancellingStopsTheRunAndSaysWhy() throws Exception {
        var cancellation = new Cancellation();
        var started = new CompletableFuture<Void>();
        var running = CompletableFuture.supplyAsync(() -> run(request(EventType.BASH, "echo up; sleep 100",
                Duration.ofSeconds(60), new ResourceLimits()), (s, l) -> started.complete(null), cancellation));
        started.get(20, TimeUnit.SECONDS);
        cancellation.request("cancelled by alice");
        var result = running.get(30, TimeUnit.SECONDS);
        assertEquals(ExecutionOutcome.CANCELLED, result.outcome());
        assertEquals("cancelled by alice; the container was stopped", result.failureReason());
        assertNull(result.exitCode());
    }

    @Test
    void anEngineOnAnotherHostGetsTheFilesThroughAVolume() {
        files = null; // no shared file system: the script and its environment are uploaded into a run volume
        var result = run(request(EventType.BASH, "echo \"$GREETING\"; ls /cronium; echo x > /cronium/x || echo refused"));
        assertEquals(ExecutionOutcome.SUCCEEDED, result.outcome(), result.failureReason());
        assertTrue(result.stdout().startsWith("hi 'quoted' $HOME\nrun.sh\nscript.sh\n"), result.stdout());
        assertTrue(result.stdout().endsWith("refused\n"), result.stdout());
    }

    @Test
    void aMissingImageFailsWithWhatToDo() {
        var images = new ContainerImages("cronium/no-such-image:0", "x", "y", false);
        var request = request(EventType.BASH, "true");
        var result = new ContainerExecutor(ENGINE, images, OWNER, 1000, files).execute(request, OutputSink.DISCARD,
                new Cancellation());
        assertEquals(ExecutionOutcome.FAILED, result.outcome());
        assertNotNull(result.failureReason());
        assertTrue(result.failureReason().contains("build-images.sh"), result.failureReason());
    }
}
