package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.webhooks.control.WebhookSignature;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Webhooks: a key (and a signature, when the webhook has a secret) triggers an event or a workflow. */
@Order(19)
class WebhooksIT {

    static final String SECRET = "a-shared-secret-of-some-length";
    static Api owner;
    static Api other;
    static HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void users() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        for (String name : new String[] {"hook-owner", "hook-other"}) {
            admin.post("/api/v1/users", Json.createObjectBuilder().add("username", name).add("password", name + "-pw")
                    .add("role", "USER").build());
        }
        owner = new Api(base).login("hook-owner", "hook-owner-pw");
        other = new Api(base).login("hook-other", "hook-other-pw");
    }

    static JsonObject create(JsonObject draft) {
        var reply = owner.post("/api/v1/webhook-keys", draft);
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    static HttpResponse<String> call(String url, String body, String signature) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    @Test
    void aSignedWebhookRunsItsEventWithTheBodyAsInputAndRefusesABadSignature() throws Exception {
        long event = owner.createEvent(SkeletonPathIT.bashEvent("hooked", "cronium output \"$(cronium input)\""));
        var hook = create(Json.createObjectBuilder().add("eventId", event).add("hmacSecret", SECRET).build());
        String url = hook.getString("url");
        String body = "{\"ref\":\"main\",\"commits\":2}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        var unsigned = call(url, body, null);
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        assertTrue(unsigned.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        var forged = call(url, body, WebhookSignature.of("another-secret-of-some-length", bytes));
        assertEquals(401, forged.statusCode(), forged.body());
        var tampered = call(url, body.replace("2", "3"), WebhookSignature.of(SECRET, bytes));
        assertEquals(401, tampered.statusCode(), "a signature covers the whole body");

        var signed = call(url, body, WebhookSignature.of(SECRET, bytes));
        assertEquals(202, signed.statusCode(), signed.body());
        var log = owner.awaitFinished(json(signed.body()).getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("WEBHOOK", log.getString("trigger"));
        assertEquals(json(body), log.getJsonObject("result"), "the body became the run's input");

        var listed = owner.get("/api/v1/webhook-keys").json().getJsonArray("items").getJsonObject(0);
        assertTrue(Api.isNull(listed, "key"), "the key is shown once, at creation: " + listed);
        assertTrue(listed.getBoolean("signed"));
        assertFalse(Api.isNull(listed, "lastUsedAt"));
    }

    @Test
    void aWorkflowWebhookStartsARunAndUnknownKeysAreNotFound() throws Exception {
        long step = owner.createEvent(SkeletonPathIT.bashEvent("hook-step", "cronium output \"$(cronium input)\""));
        long workflow = owner.post("/api/v1/workflows", WorkflowRunsIT.workflow("CONTINUE", Map.of("only", step)).build())
                .json().getJsonNumber("id").longValue();
        var hook = create(Json.createObjectBuilder().add("workflowId", workflow).build());
        var reply = call(hook.getString("url"), "plain text, not JSON", null);
        assertEquals(202, reply.statusCode(), reply.body());
        long run = json(reply.body()).getJsonNumber("workflowExecutionId").longValue();
        JsonObject ended = owner.get("/api/v1/workflow-executions/" + run).json();
        for (int i = 0; i < 300 && ended.getString("status").equals("RUNNING"); i++) {
            Thread.sleep(100);
            ended = owner.get("/api/v1/workflow-executions/" + run).json();
        }
        assertEquals("SUCCESS", ended.getString("status"), ended.toString());
        assertEquals("WEBHOOK", ended.getString("trigger"));
        var stepLog = owner.get("/api/v1/logs/" + ended.getJsonArray("steps").getJsonObject(0).getJsonNumber("logId")
                .longValue()).json();
        assertEquals(Json.createValue("plain text, not JSON"), stepLog.get("result"), "text arrives as a JSON string");

        var unknown = call(hook.getString("url") + "x", "{}", null);
        assertEquals(404, unknown.statusCode(), unknown.body());
    }

    @Test
    void callsBeyondTheRateLimitAre429AndBadDraftsAre422() throws Exception {
        long event = owner.createEvent(SkeletonPathIT.bashEvent("hook-limited", "true"));
        String url = create(Json.createObjectBuilder().add("eventId", event).add("hmacSecret", SECRET).build())
                .getString("url");
        for (int i = 0; i < RunningCronium.WEBHOOK_CALLS_PER_MINUTE; i++) {
            assertEquals(401, call(url, "{}", "sha256=00").statusCode(), "call " + i + " is counted and refused");
        }
        var limited = call(url, "{}", WebhookSignature.of(SECRET, "{}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());

        var both = owner.post("/api/v1/webhook-keys", Json.createObjectBuilder().add("eventId", event)
                .add("workflowId", 1).build());
        assertEquals(422, both.status(), both.body());
        var foreign = other.post("/api/v1/webhook-keys", Json.createObjectBuilder().add("eventId", event).build());
        assertEquals(422, foreign.status(), foreign.body());
        assertTrue(foreign.body().contains("event " + event + " not found"), foreign.body());
        var shortSecret = owner.post("/api/v1/webhook-keys", Json.createObjectBuilder().add("eventId", event)
                .add("hmacSecret", "short").build());
        assertEquals(422, shortSecret.status(), shortSecret.body());
        assertTrue(shortSecret.body().contains("hmacSecret"), shortSecret.body());
    }
}
