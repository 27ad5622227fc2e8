package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The skeleton path over REST: token, event, run, log with output and exit code. */
@Order(1)
class SkeletonPathIT {

    static Api api;

    @BeforeAll
    static void login() {
        api = new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
    }

    /**
     * A bash event run as a local process: the suite's lifecycle tests run many short scripts and are about the
     * queue, not isolation (ContainerIT covers containers, and that AUTO picks one when an engine answers).
     */
    static JsonObject bashEvent(String name, String script) {
        return Json.createObjectBuilder().add("name", name).add("type", "BASH").add("content", script)
                .add("isolation", "PROCESS").build();
    }

    static long create(JsonObject event) {
        return api.createEvent(event);
    }

    static JsonObject runAndWait(long eventId) throws InterruptedException {
        var reply = api.post("/api/v1/events/" + eventId + "/run", "{}");
        assertEquals(202, reply.status(), reply.body());
        return api.awaitFinished(reply.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
    }

    @Test
    void aBashEventRunsAndItsLogHasOutputExitCodeAndTimings() throws Exception {
        long id = create(bashEvent("say hello", "echo \"hello from $CRONIUM_RUN_ID\"\necho warn >&2"));
        var run = api.post("/api/v1/events/" + id + "/run", "{\"input\":{\"n\":1}}");
        assertEquals(202, run.status());
        long jobId = run.json().getJsonNumber("jobId").longValue();
        var log = api.awaitFinished(run.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(30));

        assertEquals("SUCCESS", log.getString("status"));
        assertEquals(0, log.getInt("exitCode"));
        assertTrue(log.getString("output").startsWith("hello from exec_" + jobId + "_"), log.getString("output"));
        assertTrue(log.getString("error").contains("warn"));
        assertTrue(log.getJsonNumber("durationMs").longValue() >= 0);
        assertNotNull(log.getString("startedAt"));
        var execution = log.getJsonArray("executions").getJsonObject(0);
        assertEquals("process", execution.getString("executor"));
        assertFalse(execution.getBoolean("sandboxed"));

        var job = api.get("/api/v1/jobs/" + jobId).json();
        assertEquals("COMPLETED", job.getString("status"));
        assertEquals(id, log.getJsonNumber("eventId").longValue());
    }

    @Test
    void aFailingScriptEndsInFailureWithItsExitCode() throws Exception {
        var log = runAndWait(create(bashEvent("fails", "echo partial; echo broken >&2; exit 3")));
        assertEquals("FAILURE", log.getString("status"));
        assertEquals(3, log.getInt("exitCode"));
        assertEquals("partial\n", log.getString("output"));
        assertTrue(log.getString("error").contains("broken"));
    }

    @Test
    void aScriptPastItsTimeoutIsKilledAndMarkedTimeout() throws Exception {
        var event = Json.createObjectBuilder(bashEvent("sleeps", "echo started; sleep 60; echo never"))
                .add("timeoutSeconds", 1).build();
        var log = runAndWait(create(event));
        assertEquals("TIMEOUT", log.getString("status"));
        assertEquals("started\n", log.getString("output"));
        assertTrue(log.getJsonNumber("durationMs").longValue() < 20_000);
    }

    @Test
    void secretEnvironmentValuesAreMaskedInOutputAndNeverReturned() throws Exception {
        var event = Json.createObjectBuilder(bashEvent("secretive", "echo \"token=$API_TOKEN\"; printf %s \"$API_TOKEN\" | base64"))
                .add("env", Json.createObjectBuilder().add("API_TOKEN", "s3cr3t-value-42").add("MODE", "test"))
                .add("secretEnv", Json.createArrayBuilder().add("API_TOKEN"))
                .build();
        long id = create(event);
        var stored = api.get("/api/v1/events/" + id);
        assertFalse(stored.body().contains("s3cr3t-value-42"), stored.body());
        assertEquals("API_TOKEN", stored.json().getJsonArray("secretEnv").getString(0));
        assertEquals("test", stored.json().getJsonObject("env").getString("MODE"));

        var log = runAndWait(id);
        assertEquals("SUCCESS", log.getString("status"));
        assertEquals("token=***\n***\n", log.getString("output"));
    }

    @Test
    void eventsCanBeReadChangedListedPageByPageAndDeleted() {
        long first = create(bashEvent("page-a", "true"));
        long second = create(bashEvent("page-b", "true"));

        var changed = api.put("/api/v1/events/" + first, Json.createObjectBuilder(bashEvent("page-a2", "echo changed"))
                .add("schedule", Json.createObjectBuilder().add("cron", "0 */5 * * * ?").add("timezone", "Europe/Berlin"))
                .build());
        assertEquals(200, changed.status(), changed.body());
        assertEquals("page-a2", changed.json().getString("name"));
        assertEquals("Europe/Berlin", changed.json().getJsonObject("schedule").getString("timezone"));

        var page1 = api.get("/api/v1/events?limit=1").json();
        assertEquals(1, page1.getJsonArray("items").size());
        assertEquals(second, page1.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());
        var page2 = api.get("/api/v1/events?limit=1&cursor=" + page1.getString("nextCursor")).json();
        assertEquals(first, page2.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());

        assertEquals(204, api.delete("/api/v1/events/" + second).status());
        assertEquals(404, api.get("/api/v1/events/" + second).status());
    }

    @Test
    void logsAreListedNewestFirstAndFilteredByEventAndStatus() throws Exception {
        long id = create(bashEvent("filtered", "exit 0"));
        runAndWait(id);
        runAndWait(id);
        var logs = api.get("/api/v1/logs?eventId=" + id + "&status=SUCCESS").json().getJsonArray("items");
        assertEquals(2, logs.size());
        assertTrue(logs.getJsonObject(0).getJsonNumber("id").longValue() > logs.getJsonObject(1).getJsonNumber("id").longValue());
        assertEquals(0, api.get("/api/v1/logs?eventId=" + id + "&status=FAILURE").json().getJsonArray("items").size());
    }

    @Test
    void healthOpenApiAndMetricsAnswer() {
        var anonymous = new Api(RunningCronium.get().baseUrl());
        var ready = anonymous.get("/health/ready");
        assertEquals(200, ready.status());
        assertTrue(ready.body().contains("\"database\""), ready.body());
        var openapi = anonymous.get("/openapi");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().contains("/api/v1/events/{id}/run"), openapi.body());
        assertEquals(200, anonymous.get("/metrics").status());
    }
}
