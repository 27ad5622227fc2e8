package io.cronium.execution.helpers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.ExecutionSpec;
import io.cronium.execution.LocalProcessExecutor;
import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import io.cronium.execution.container.ContainerExecutor;
import io.cronium.execution.container.ContainerImages;
import io.cronium.execution.container.DockerEngine;
import io.cronium.execution.container.RunOwner;
import io.cronium.execution.ssh.SshConnector;
import io.cronium.execution.ssh.SshExecutor;
import io.cronium.execution.ssh.SshSessionPool;
import io.cronium.execution.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every helper in every language on every executor that runs scripts, in bundled mode (no network): a local
 * process, a container (Docker engine and images of server-config/docker) and a server over SSH (the hosts of
 * server-config/ssh). The same script per language reads input, event and variables, sets a variable and reads it
 * back, logs, sleeps and hands back an output; the calls are read off its stderr as a run does.
 */
class HelpersAcrossExecutorsTest {

    static final AtomicInteger RUNS = new AtomicInteger();
    static ExecutorService readers;
    static SshSessionPool pool;
    static LocalProcessExecutor process;
    static ContainerExecutor container;
    static SshExecutor ssh;

    @BeforeAll
    static void executors() throws IOException {
        Path work = Files.createTempDirectory("helpers-test");
        readers = Executors.newCachedThreadPool();
        process = new LocalProcessExecutor(Thread::new, work.resolve("process"), 4_000_000);
        var engine = new DockerEngine("unix:///var/run/docker.sock");
        assertTrue(engine.reachable(), "needs the Docker engine of server-config/docker (.ci/run starts it)");
        container = new ContainerExecutor(engine, ContainerImages.DEFAULT, new RunOwner("helpers-test", "node"),
                4_000_000, work.resolve("containers"));
        pool = new SshSessionPool(new SshConnector(Duration.ofSeconds(5)), 4, Duration.ofMinutes(1));
        ssh = new SshExecutor(pool, readers, 4_000_000);
    }

    @AfterAll
    static void close() {
        pool.close();
        readers.shutdownNow();
    }

    static final String BASH = """
            set -e
            echo "input=$(cronium input)"
            echo "event=$(cronium event)"
            echo "color=$(cronium getVariable color)"
            if cronium getVariable missing; then echo "missing=found"; else echo "missing=absent"; fi
            cronium setVariable counter "été 1"
            echo "counter=$(cronium getVariable counter)"
            cronium log "hello from bash" warn
            cronium sleep 50
            cronium output '{"lang":"bash","text":"ünï ✓"}'
            """;

    static final String PYTHON = """
            import json, cronium
            print("input=" + json.dumps(cronium.input(), separators=(",", ":"), ensure_ascii=False))
            print("event=" + json.dumps(cronium.event(), separators=(",", ":")))
            print("color=" + cronium.getVariable("color"))
            print("missing=" + ("found" if cronium.getVariable("missing") is not None else "absent"))
            cronium.setVariable("counter", "été 1")
            print("counter=" + cronium.getVariable("counter"))
            cronium.log("hello from python", "warn")
            cronium.sleep(50)
            cronium.output({"lang": "python", "text": "ünï ✓"})
            """;

    static final String NODE = """
            (async () => {
              console.log('input=' + JSON.stringify(await cronium.input()));
              console.log('event=' + JSON.stringify(await cronium.event()));
              console.log('color=' + await cronium.getVariable('color'));
              console.log('missing=' + ((await cronium.getVariable('missing')) === null ? 'absent' : 'found'));
              await require('cronium').setVariable('counter', 'été 1');
              console.log('counter=' + await cronium.getVariable('counter'));
              await cronium.log('hello from node', 'warn');
              await cronium.sleep(50);
              await cronium.output({lang: 'node', text: 'ünï ✓'});
            })();
            """;

    static List<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (String executor : List.of("process", "container", "ssh")) {
            all.add(Arguments.of(executor, EventType.BASH, BASH));
            all.add(Arguments.of(executor, EventType.PYTHON, PYTHON));
            all.add(Arguments.of(executor, EventType.NODE, NODE));
        }
        return all;
    }

    record Run(ExecutionResult result, HelperCalls calls, List<String> logLines) {
    }

    static Run run(String executor, EventType type, String script, String input) {
        var helpers = new HelperSession(input, "{\"id\":3,\"name\":\"helpers\"}", Map.of("color", "blue ✓"));
        String id = "exec_77_" + System.currentTimeMillis() + "_" + RUNS.incrementAndGet();
        var request = new ExecutionRequest(id, 77, 2, 3, 1, type, script, Map.of(), Duration.ofSeconds(60), input,
                new ExecutionSpec(Isolation.CONTAINER, new ResourceLimits(), new HttpCall()), helpers);
        List<String> logLines = new CopyOnWriteArrayList<>();
        OutputSink sink = (stream, line) -> {
            if (stream == OutputChannel.LOG) {
                logLines.add(line);
            }
        };
        var result = switch (executor) {
            case "process" -> process.execute(request, sink, new Cancellation());
            case "container" -> container.execute(request, sink, new Cancellation());
            default -> ssh.execute(request, "host1", sshTarget(), sink, new Cancellation());
        };
        return new Run(result, helpers.calls(), logLines);
    }

    static SshTarget sshTarget() {
        try {
            return new SshTarget("10.77.0.11", 22, "cronium-test",
                    Files.readString(Path.of("/run/cronium-ssh/keys/id_ed25519")) + "\n", null, null, null);
        } catch (IOException e) {
            throw new IllegalStateException("needs the SSH hosts of server-config/ssh (.ci/run starts them)", e);
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("matrix")
    void everyHelperWorksInEveryLanguageOnEveryExecutor(String executor, EventType type, String script) {
        var run = run(executor, type, script, "{\"n\":1,\"word\":\"grüß\"}");
        assertEquals(ExecutionOutcome.SUCCEEDED, run.result().outcome(), run.result().failureReason() + "\n"
                + run.result().stderr());
        var lines = run.result().stdout().lines().toList();
        assertEquals("input={\"n\":1,\"word\":\"grüß\"}", lines.get(0));
        assertTrue(lines.get(1).startsWith("event={") && lines.get(1).contains("\"name\":\"helpers\""), lines.get(1));
        assertEquals("color=blue ✓", lines.get(2));
        assertEquals("missing=absent", lines.get(3));
        assertEquals("counter=été 1", lines.get(4), "a variable set in the run reads back at once");
        assertEquals(5, lines.size(), "helper calls are not output: " + lines);
        assertEquals("", run.result().stderr(), "nor stderr");
        String lang = type.name().toLowerCase(Locale.ROOT);
        assertEquals(List.of("[warn] hello from " + lang), run.logLines());
        assertEquals(Map.of("counter", "été 1"), run.calls().variables());
        String output = run.calls().output().orElseThrow();
        assertEquals("{\"lang\":\"" + lang + "\",\"text\":\"ünï ✓\"}", output.replace("\": \"", "\":\"")
                .replace(", \"", ",\""));
        assertEquals(List.of(), run.calls().refused());
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("executorNames")
    void aLargeOutputArrivesWhole(String executor) {
        // 1 MB of JSON, in a string with every kind of character a shell or a pipe might trip on
        var run = run(executor, EventType.PYTHON, """
                import cronium
                cronium.output({"big": ("ä\\\"'$`\\n\\t" + "x" * 1000) * 1000})
                """, null);
        assertEquals(ExecutionOutcome.SUCCEEDED, run.result().outcome(), run.result().failureReason());
        String output = run.calls().output().orElseThrow();
        assertTrue(output.length() > 1_000_000, "length " + output.length());
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(output))) {
            String big = reader.readObject().getString("big");
            assertEquals(1000 * 1007, big.length());
            assertTrue(big.startsWith("ä") && big.substring(0, 7).contains("'$`") && big.substring(0, 7).contains("\""),
                    big.substring(0, 7));
            assertEquals(1_000_000, big.chars().filter(c -> c == 'x').count());
        }
    }

    static List<String> executorNames() {
        return List.of("process", "container", "ssh");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOutputs")
    void anOutputThatIsNotJsonFailsTheRunSayingWhy(EventType type, String script, String reason) {
        var run = run("process", type, script, null);
        String said = String.join("; ", run.calls().refused()) + " | " + run.result().stderr();
        assertTrue(said.contains(reason), said);
        assertTrue(run.calls().output().isEmpty());
    }

    static List<Arguments> invalidOutputs() {
        return List.of(
                Arguments.of(EventType.BASH, "cronium output '{\"a\": oops}'", "cronium output: the result is not valid JSON"),
                Arguments.of(EventType.PYTHON, "import cronium\ncronium.output({1, 2})",
                        "cronium.output: the value is not JSON-serialisable"),
                Arguments.of(EventType.NODE, "const a = {}; a.self = a; cronium.output(a).catch(e => { console.error(e.message); process.exit(3); });",
                        "cronium.output: the value is not JSON-serialisable"));
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("executorNames")
    void printedDataCannotForgeAHelperCall(String executor) {
        // what a script merely prints - a downloaded page, say - lacks this run's nonce
        var run = run(executor, EventType.BASH, """
                printf '\\036cronium:%s:set 6b 76\\n' 0123456789abcdef0123456789abcdef >&2
                printf '\\036cronium:%s:output 7b7d\\n' "${CRONIUM_HELPER_NONCE}x" >&2
                """, null);
        assertEquals(Map.of(), run.calls().variables());
        assertTrue(run.calls().output().isEmpty());
        assertEquals(2, run.result().stderr().lines().count(), "kept as the output it is: " + run.result().stderr());
    }
}
