package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Roles, row-level isolation, API tokens, throttling, audit, headers and limits, seen from outside. */
@Order(4)
class SecurityIT {

    static String base;
    static Api admin;

    @BeforeAll
    static void users() {
        base = RunningCronium.get().baseUrl();
        admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        for (String[] user : new String[][]{{"alice", "USER"}, {"bob", "USER"}, {"vera", "VIEWER"}, {"target", "USER"}, {"leaver", "USER"}}) {
            var reply = admin.post("/api/v1/users", user(user[0], user[1]));
            assertEquals(201, reply.status(), reply.body());
            assertFalse(reply.body().contains("password"), "passwords are never returned");
        }
    }

    static JsonObject user(String name, String role) {
        return Json.createObjectBuilder().add("username", name).add("password", name + "-password-1").add("role", role).build();
    }

    static Api as(String name) {
        return new Api(base).login(name, name + "-password-1");
    }

    @Test
    void onlyAdminsManageUsersAndBadUsersAreExplained() {
        var alice = as("alice");
        assertEquals(403, alice.get("/api/v1/users").status());
        assertEquals(403, alice.post("/api/v1/users", user("mallory", "ADMIN")).status());
        var invalid = admin.post("/api/v1/users", "{\"username\":\"x\",\"password\":\"short\",\"role\":\"ROOT\",\"email\":\"nope\"}");
        assertEquals(422, invalid.status());
        assertEquals(4, invalid.json().getJsonArray("errors").size(), invalid.body());
        assertEquals(409, admin.post("/api/v1/users", user("alice", "USER")).status());
    }

    @Test
    void usersSeeOnlyTheirOwnEventsLogsAndJobs() throws Exception {
        var alice = as("alice");
        var bob = as("bob");
        long event = alice.createEvent(SkeletonPathIT.bashEvent("alice's secret job", "echo private"));
        var run = alice.post("/api/v1/events/" + event + "/run", "{}").json();
        long log = run.getJsonNumber("logId").longValue();
        long job = run.getJsonNumber("jobId").longValue();
        alice.awaitFinished(log, Duration.ofSeconds(30));

        assertEquals(404, bob.get("/api/v1/events/" + event).status());
        assertEquals(404, bob.post("/api/v1/events/" + event + "/run", "{}").status());
        assertEquals(404, bob.put("/api/v1/events/" + event, SkeletonPathIT.bashEvent("hijacked", "true")).status());
        assertEquals(404, bob.delete("/api/v1/events/" + event).status());
        assertEquals(404, bob.get("/api/v1/logs/" + log).status());
        assertEquals(404, bob.get("/api/v1/jobs/" + job).status());
        assertFalse(bob.get("/api/v1/events?limit=500").body().contains("alice's secret job"));
        assertFalse(bob.get("/api/v1/logs?limit=500").body().contains("\"id\":" + log + ","));
        assertFalse(bob.get("/api/v1/logs?eventId=" + event).body().contains("private"));

        assertEquals(200, alice.get("/api/v1/logs/" + log).status());
        assertEquals(200, admin.get("/api/v1/events/" + event).status(), "administrators see everything");
    }

    @Test
    void viewersReadButCannotChangeOrRun() {
        var vera = as("vera");
        assertEquals(200, vera.get("/api/v1/events").status());
        assertEquals(403, vera.post("/api/v1/events", SkeletonPathIT.bashEvent("nope", "true")).status());
    }

    @Test
    void apiTokensWorkUntilRevokedAndAreShownOnlyOnce() {
        var alice = as("alice");
        var created = alice.post("/api/v1/tokens", "{\"name\":\"ci\"}");
        assertEquals(201, created.status(), created.body());
        String token = created.json().getString("token");
        assertTrue(token.startsWith("crn_"));
        assertFalse(alice.get("/api/v1/tokens").body().contains(token), "the value is not listed again");

        var viaToken = new Api(base).withToken(token);
        assertEquals(200, viaToken.get("/api/v1/events").status());
        var listed = alice.get("/api/v1/tokens").json().getJsonArray("items").getJsonObject(0);
        assertEquals("ci", listed.getString("name"));
        assertFalse(Api.isNull(listed, "lastUsedAt"), "the last use is recorded");

        long id = created.json().getJsonNumber("id").longValue();
        assertEquals(404, as("bob").delete("/api/v1/tokens/" + id).status(), "nobody else can revoke it");
        assertEquals(204, alice.delete("/api/v1/tokens/" + id).status());
        assertEquals(401, viaToken.get("/api/v1/events").status());
        assertEquals(401, new Api(base).withToken("crn_made-up").get("/api/v1/events").status());
        assertEquals(422, alice.post("/api/v1/tokens", "{\"name\":\"old\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}").status());
    }

    @Test
    void aDisabledUserIsLockedOutAtOnceEvenWithAValidToken() {
        var leaver = as("leaver");
        String apiToken = leaver.post("/api/v1/tokens", "{\"name\":\"x\"}").json().getString("token");
        long id = admin.get("/api/v1/users?limit=500").json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("leaver")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        assertEquals(200, admin.put("/api/v1/users/" + id, Json.createObjectBuilder().add("enabled", false).build()).status());
        assertEquals(401, leaver.get("/api/v1/events").status(), "the JWT of a disabled user is refused");
        assertEquals(401, new Api(base).withToken(apiToken).get("/api/v1/events").status());
        assertEquals(401, new Api(base).post("/api/v1/auth/token", "{\"username\":\"leaver\",\"password\":\"leaver-password-1\"}").status());
    }

    @Test
    void theLastAdministratorCannotBeDemotedAndNobodyDeletesThemselves() {
        long adminId = admin.get("/api/v1/users?limit=500").json().getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(u -> u.getString("username").equals("admin")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        assertEquals(409, admin.put("/api/v1/users/" + adminId, Json.createObjectBuilder().add("role", "USER").build()).status());
        assertEquals(409, admin.delete("/api/v1/users/" + adminId).status());
        assertEquals(404, admin.get("/api/v1/users/987654").status());
    }

    @Test
    void repeatedWrongPasswordsAreThrottledEvenForTheRightOne() {
        var anonymous = new Api(base);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, anonymous.post("/api/v1/auth/token", "{\"username\":\"target\",\"password\":\"guess-" + i + "\"}").status());
        }
        var throttled = anonymous.post("/api/v1/auth/token", "{\"username\":\"target\",\"password\":\"target-password-1\"}");
        assertEquals(429, throttled.status(), throttled.body());
        assertTrue(throttled.json().getString("detail").contains("try again"));

        var audit = admin.get("/api/v1/audit?actor=target&action=LOGIN_FAILED").json().getJsonArray("items");
        assertEquals(5, audit.size());
        assertEquals("127.0.0.1", audit.getJsonObject(0).getString("sourceAddress"));
        assertEquals(1, admin.get("/api/v1/audit?actor=target&action=LOGIN_THROTTLED").json().getJsonArray("items").size());
        assertEquals(403, as("alice").get("/api/v1/audit").status());
    }

    @Test
    void everyResponseCarriesSecurityHeaders() throws Exception {
        var client = HttpClient.newHttpClient();
        for (String path : new String[]{"/login.xhtml", "/api/v1/events"}) {
            var response = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding());
            var headers = response.headers();
            assertTrue(headers.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path);
            assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(""), path);
        }
    }

    @Test
    void anOversizedBodyIs413BeforeItIsSent() throws Exception {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        // As curl does for large bodies: the server refuses after the headers, without reading the body.
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/events")).expectContinue(true)
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + new Api(base).login("alice", "alice-password-1").token())
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build();
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void administratorsGrantPermissionsBeyondTheRole() {
        var created = admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "operator")
                .add("password", "operator-password").add("role", "USER")
                .add("permissions", Json.createArrayBuilder().add("RUN_REMOTE")).build());
        assertEquals(201, created.status(), created.body());
        assertEquals("[\"RUN_REMOTE\"]", created.json().getJsonArray("permissions").toString());
        long id = created.json().getJsonNumber("id").longValue();
        var changed = admin.put("/api/v1/users/" + id, Json.createObjectBuilder()
                .add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS").add("USE_TOOL_CREDENTIALS")).build());
        assertEquals("[\"MANAGE_SERVERS\",\"USE_TOOL_CREDENTIALS\"]", changed.json().getJsonArray("permissions").toString());
        var unknown = admin.put("/api/v1/users/" + id, Json.createObjectBuilder().add("permissions", Json.createArrayBuilder().add("FLY")).build());
        assertEquals(422, unknown.status());
        assertEquals(1, admin.get("/api/v1/audit?action=PERMISSIONS_CHANGED").json().getJsonArray("items").size());
    }
}
