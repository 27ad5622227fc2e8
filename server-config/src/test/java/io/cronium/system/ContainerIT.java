package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Local execution through the API on this machine's Docker engine: containers by default, their limits, HTTP
 * events with retries and timeouts, and the removal of a dead node's leftover container.
 */
@Order(12)
class ContainerIT {

    static Api api;
    static HttpServer server;
    static String base;
    static final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        api = new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/flaky", exchange -> {
            // unavailable twice, then fine: what the event's retries are for
            int call = flakyCalls.incrementAndGet();
            byte[] body = (call < 3 ? "busy " + call : "{\"done\":" + call + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(call < 3 ? 503 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static JsonObject runAndWait(JsonObject event) throws InterruptedException {
        long id = api.createEvent(event);
        var reply = api.post("/api/v1/events/" + id + "/run", "{}");
        assertEquals(202, reply.status(), reply.body());
        return api.awaitFinished(reply.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
    }

    static JsonObject onlyExecution(JsonObject log) {
        var executions = log.getJsonArray("executions");
        assertEquals(1, executions.size(), log.toString());
        return executions.getJsonObject(0);
    }

    @Test
    void scriptsRunInAContainerByDefaultWhenAnEngineAnswers() throws InterruptedException {
        var event = Json.createObjectBuilder().add("name", "contained").add("type", "BASH")
                .add("content", "echo \"user $(id -u) token $TOKEN\"; touch /x 2>/dev/null || echo read-only root")
                .add("env", Json.createObjectBuilder().add("TOKEN", "container-secret-42"))
                .add("secretEnv", Json.createArrayBuilder().add("TOKEN")).build();
        var log = runAndWait(event);
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("user 1000 token ***\nread-only root\n", log.getString("output"));
        var execution = onlyExecution(log);
        assertEquals("container", execution.getString("executor"));
        assertTrue(execution.getBoolean("sandboxed"));
        var phases = execution.getJsonObject("phases");
        assertEquals(List.of("network", "image", "files", "container", "execution", "cleanup"), List.copyOf(phases.keySet()));
    }

    @Test
    void aContainersLimitsComeFromTheEventAndAnOverrunIsReported() throws InterruptedException {
        var event = Json.createObjectBuilder().add("name", "greedy").add("type", "PYTHON").add("isolation", "CONTAINER")
                .add("content", "x = bytearray(300 * 1024 * 1024)")
                .add("limits", Json.createObjectBuilder().add("memoryMb", 48).add("pids", 64).add("cpus", 0.5))
                .build();
        long id = api.createEvent(event);
        var stored = api.get("/api/v1/events/" + id).json();
        assertEquals("CONTAINER", stored.getString("isolation"));
        assertEquals(48, stored.getJsonObject("limits").getInt("memoryMb"));
        assertEquals("NONE", stored.getJsonObject("limits").getString("network"));
        var reply = api.post("/api/v1/events/" + id + "/run", "{}");
        var log = api.awaitFinished(reply.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
        assertEquals("FAILURE", log.getString("status"));
        assertEquals(137, log.getInt("exitCode"));
        assertTrue(log.getString("error").contains("out of memory"), log.getString("error"));
        assertTrue(log.getString("error").contains("48 MB"), log.getString("error"));
    }

    @Test
    void anHttpEventIsRetriedOnServerErrorsUntilItSucceeds() throws InterruptedException {
        flakyCalls.set(0);
        var event = Json.createObjectBuilder().add("name", "flaky api").add("type", "HTTP")
                .add("http", Json.createObjectBuilder().add("method", "POST").add("url", base + "/flaky")
                        .add("headers", Json.createObjectBuilder().add("Content-Type", "application/json"))
                        .add("body", "{}"))
                .add("retries", 2).add("retryDelaySeconds", 1).add("retryMaxDelaySeconds", 1).build();
        var log = runAndWait(event);
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals(3, log.getInt("attempt"));
        assertTrue(log.getString("output").startsWith("HTTP 200\n"), log.getString("output"));
        assertTrue(log.getString("output").endsWith("{\"done\":3}\n"), log.getString("output"));
        var statuses = log.getJsonArray("executions").stream()
                .map(v -> v.asJsonObject().getString("status")).toList();
        assertEquals(List.of("FAILURE", "FAILURE", "SUCCESS"), statuses);
        assertEquals("http", onlyExecutionOf(log, 2).getString("executor"));
        assertTrue(onlyExecutionOf(log, 0).getString("error").contains("HTTP 503 is not a success status"));
    }

    static JsonObject onlyExecutionOf(JsonObject log, int index) {
        return log.getJsonArray("executions").getJsonObject(index);
    }

    @Test
    void anHttpEventThatGetsNoAnswerInTimeTimesOut() throws InterruptedException {
        var event = Json.createObjectBuilder().add("name", "slow api").add("type", "HTTP").add("timeoutSeconds", 1)
                .add("http", Json.createObjectBuilder().add("method", "GET").add("url", base + "/slow")).build();
        var log = runAndWait(event);
        assertEquals("TIMEOUT", log.getString("status"), log.toString());
        assertTrue(log.getString("error").contains("timed out after 1 s"), log.getString("error"));
    }

    @Test
    void badHttpRequestsAreRefusedWithTheFieldsNamed() {
        var reply = api.post("/api/v1/events", "{\"name\":\"bad\",\"type\":\"HTTP\",\"http\":{\"method\":\"FETCH\","
                + "\"url\":\"not a url\",\"successStatuses\":\"ok\"}}");
        assertEquals(422, reply.status(), reply.body());
        for (String field : List.of("http.method", "http.url", "http.successStatuses")) {
            assertTrue(reply.body().contains("\"" + field + "\""), field + " in " + reply.body());
        }
        var missing = api.post("/api/v1/events", "{\"name\":\"bad\",\"type\":\"HTTP\"}");
        assertEquals(422, missing.status(), missing.body());
        var limits = api.post("/api/v1/events", "{\"name\":\"bad\",\"type\":\"BASH\",\"content\":\"true\","
                + "\"isolation\":\"VM\",\"limits\":{\"memoryMb\":1}}");
        assertEquals(422, limits.status(), limits.body());
        assertTrue(limits.body().contains("\"isolation\"") && limits.body().contains("\"limits.memoryMb\""), limits.body());
    }

    @Test
    void theContainerOfADeadNodesRunIsRemovedAndTheRunSaysSo() throws Exception {
        long event = api.createEvent(JobLifecycleIT.withFields(SkeletonPathIT.bashEvent("orphaned", "echo again")));
        var dead = DeadNode.leftRunning(event, "{\"type\":\"BASH\",\"script\":\"echo again\",\"timeoutSeconds\":60,"
                + "\"env\":{},\"retries\":0,\"recovery\":\"RERUN\",\"isolation\":\"PROCESS\"}",
                null, 5); // its lease runs out once the containers below are on the engine, not before
        String installation;
        try (var c = RunningCronium.get().database(); var s = c.createStatement();
             var rows = s.executeQuery("select id from installation")) {
            rows.next();
            installation = rows.getString(1);
        }
        // another installation's container on the same engine, of a job with the same id: not ours to remove
        String foreign = docker("run", "-d", "--label", "io.cronium.execution=" + dead.executionId() + "-elsewhere",
                "--label", "io.cronium.job=" + dead.jobId(), "--label", "io.cronium.attempt=1",
                "--label", "io.cronium.node=other", "--label", "io.cronium.installation=another-installation",
                "cronium/bash:1", "sleep", "600").strip();
        String container = docker("run", "-d", "--name", "cronium-" + dead.executionId(),
                "--label", "io.cronium.installation=" + installation,
                "--label", "io.cronium.execution=" + dead.executionId(), "--label", "io.cronium.job=" + dead.jobId(),
                "--label", "io.cronium.attempt=1", "--label", "io.cronium.node=" + DeadNode.NAME,
                "cronium/bash:1", "sleep", "600").strip();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!docker("ps", "-aq", "--filter", "id=" + container).isBlank()) {
            assertTrue(System.nanoTime() < deadline, "the leftover container was never removed");
            Thread.sleep(250);
        }
        var log = api.awaitFinished(dead.logId(), Duration.ofSeconds(30));
        var first = log.getJsonArray("executions").getJsonObject(0);
        assertEquals(dead.executionId(), first.getString("id"));
        assertTrue(first.getString("error").contains("container of this run found on the engine after its node "
                + "(dead-node) stopped running it; killed and removed"), first.getString("error"));
        assertEquals("SUCCESS", log.getString("status"), "the job itself was recovered by its recovery policy");
        assertFalse(docker("ps", "-a", "--filter", "label=io.cronium.node=" + DeadNode.NAME).contains("cronium-"));
        assertFalse(docker("ps", "-q", "--filter", "id=" + foreign).isBlank(), "another installation's container stays");
        docker("rm", "-f", foreign);
    }

    static String docker(String... args) throws IOException, InterruptedException {
        var command = new java.util.ArrayList<>(List.of("/usr/bin/docker"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "docker " + String.join(" ", args) + ": " + out);
        return out;
    }
}
