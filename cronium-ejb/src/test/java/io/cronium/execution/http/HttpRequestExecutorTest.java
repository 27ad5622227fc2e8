package io.cronium.execution.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.execution.Cancellation;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionRequest;
import io.cronium.execution.ExecutionResult;
import io.cronium.execution.ExecutionSpec;
import io.cronium.execution.OutputSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP events against a real HTTP server on loopback that records what it received. */
class HttpRequestExecutorTest {

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
    }

    HttpServer server;
    String base;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final HttpRequestExecutor executor = new HttpRequestExecutor(Executors.newCachedThreadPool(), 100_000);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/status/500" -> respond(exchange, 500, "broken\n");
                case "/status/404" -> respond(exchange, 404, "none here\n");
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", base + "/target");
                    respond(exchange, 302, "");
                }
                case "/slow-headers" -> {
                    sleep(5000);
                    respond(exchange, 200, "late\n");
                }
                case "/stream" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write("first\n".getBytes());
                        out.flush();
                        sleep(1500);
                        out.write("second\n".getBytes());
                    }
                }
                case "/endless" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int i = 0; i < 100; i++) {
                            out.write(("line " + i + "\n").getBytes());
                            out.flush();
                            sleep(200);
                        }
                    } catch (IOException closedByClient) {
                        // expected: the run stopped reading
                    }
                }
                default -> {
                    exchange.getResponseHeaders().add("X-Answer", "42");
                    respond(exchange, 200, "{\"ok\":true,\"method\":\"" + exchange.getRequestMethod() + "\"}\n");
                }
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    ExecutionRequest request(HttpCall call, Duration timeout) {
        return new ExecutionRequest("exec_7_1", 7, 8, 9, 1, EventType.HTTP, null,
                Map.of("TOKEN", "s3cr3t-token", "ITEM", "42"), timeout, null,
                new ExecutionSpec(Isolation.AUTO, new ResourceLimits(), call), null);
    }

    ExecutionResult run(HttpCall call) {
        return executor.execute(request(call, Duration.ofSeconds(10)), OutputSink.DISCARD, new Cancellation());
    }

    @Test
    void everyMethodSendsItsHeadersAndBodyWithVariablesFilledIn() {
        for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
            String body = method.equals("GET") ? null : "{\"item\":${ITEM}}";
            var result = run(new HttpCall(method, base + "/items/${ITEM}",
                    Map.of("Authorization", "Bearer ${TOKEN}", "Content-Type", "application/json"), body, true, null));
            assertEquals(ExecutionOutcome.SUCCEEDED, result.outcome(), method + ": " + result.failureReason());
            assertEquals(0, result.exitCode());
            Received r = received.get(received.size() - 1);
            assertEquals(method, r.method());
            assertEquals("/items/42", r.path());
            assertEquals(List.of("Bearer s3cr3t-token"), r.headers().get("Authorization"));
            assertEquals(List.of("exec_7_1"), r.headers().get("X-cronium-run-id"));
            assertEquals(body == null ? "" : "{\"item\":42}", r.body());
            assertTrue(result.stdout().startsWith("HTTP 200\n"), result.stdout());
            assertTrue(result.stdout().contains("x-answer: 42\n"), result.stdout());
            assertTrue(result.stdout().endsWith("\n\n{\"ok\":true,\"method\":\"" + method + "\"}\n"), result.stdout());
        }
    }

    @Test
    void aStatusOutsideTheSuccessListFailsTheRun() {
        var failed = run(new HttpCall("GET", base + "/status/500", Map.of(), null, true, null));
        assertEquals(ExecutionOutcome.FAILED, failed.outcome());
        assertEquals("HTTP 500 is not a success status (2xx)", failed.failureReason());
        assertTrue(failed.stdout().endsWith("broken\n"), failed.stdout());
        var accepted = run(new HttpCall("GET", base + "/status/404", Map.of(), null, true, "2xx,404"));
        assertEquals(ExecutionOutcome.SUCCEEDED, accepted.outcome(), accepted.failureReason());
    }

    @Test
    void redirectsAreFollowedUnlessTheEventSaysNot() {
        var followed = run(new HttpCall("GET", base + "/redirect", Map.of(), null, true, null));
        assertEquals(ExecutionOutcome.SUCCEEDED, followed.outcome(), followed.failureReason());
        assertEquals("/target", received.get(received.size() - 1).path());
        received.clear();
        var kept = run(new HttpCall("GET", base + "/redirect", Map.of(), null, false, null));
        assertEquals(ExecutionOutcome.FAILED, kept.outcome());
        assertEquals("HTTP 302 is not a success status (2xx)", kept.failureReason());
        assertEquals(1, received.size(), "the redirect was not followed");
        assertTrue(kept.stdout().contains("location: " + base + "/target"), kept.stdout());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsATimeout() {
        var result = executor.execute(request(new HttpCall("GET", base + "/slow-headers", Map.of(), null, true, null),
                Duration.ofSeconds(1)), OutputSink.DISCARD, new Cancellation());
        assertEquals(ExecutionOutcome.TIMED_OUT, result.outcome());
        assertEquals("timed out after 1 s; the request was aborted", result.failureReason());
        var endless = executor.execute(request(new HttpCall("GET", base + "/endless", Map.of(), null, true, null),
                Duration.ofSeconds(1)), OutputSink.DISCARD, new Cancellation());
        assertEquals(ExecutionOutcome.TIMED_OUT, endless.outcome(), "a body that never ends is cut at the timeout too");
        assertTrue(endless.stdout().contains("line 0\n"), endless.stdout());
    }

    @Test
    void theBodyArrivesLineByLineAndCanBeCancelled() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var first = new CompletableFuture<Void>();
        var streaming = CompletableFuture.supplyAsync(() -> executor.execute(request(new HttpCall("GET",
                base + "/stream", Map.of(), null, true, null), Duration.ofSeconds(10)), (stream, line) -> {
                    lines.add(line);
                    if (line.equals("first")) {
                        first.complete(null);
                    }
                }, new Cancellation()));
        first.get(5, TimeUnit.SECONDS);
        assertFalse(streaming.isDone(), "the first line arrived while the body was still coming");
        assertEquals(ExecutionOutcome.SUCCEEDED, streaming.get(10, TimeUnit.SECONDS).outcome());
        assertTrue(lines.contains("second"));

        var cancellation = new Cancellation();
        var flowing = new CompletableFuture<Void>();
        var cancelled = CompletableFuture.supplyAsync(() -> executor.execute(request(new HttpCall("GET",
                base + "/endless", Map.of(), null, true, null), Duration.ofSeconds(30)),
                (stream, line) -> flowing.complete(null), cancellation));
        flowing.get(5, TimeUnit.SECONDS); // the body is coming
        cancellation.request("cancelled by bob");
        var result = cancelled.get(5, TimeUnit.SECONDS);
        assertEquals(ExecutionOutcome.CANCELLED, result.outcome());
        assertEquals("cancelled by bob; the request was aborted", result.failureReason());
    }

    @Test
    void anUnreachableServerFailsWithAClearReason() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var result = run(new HttpCall("GET", "http://127.0.0.1:" + closedPort + "/", Map.of(), null, true, null));
        assertEquals(ExecutionOutcome.FAILED, result.outcome());
        assertEquals("could not connect to 127.0.0.1:" + closedPort + ": connection refused", result.failureReason());
        assertNull(result.exitCode());
    }
}
