package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad request gets a clear 4xx as problem+json, never a 500. */
@Order(2)
class BadInputIT {

    static Api api;

    @BeforeAll
    static void login() {
        api = new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
    }

    static void assertProblem(Api.Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.contentType().startsWith("application/problem+json"), reply.header());
        assertEquals(status, reply.json().getInt("status"));
        assertTrue(reply.json().containsKey("title"));
        assertTrue(!reply.body().contains("at io.cronium") && !reply.body().contains("Exception"), reply.body());
    }

    @Test
    void noTokenIsRefusedWith401() {
        assertProblem(new Api(RunningCronium.get().baseUrl()).get("/api/v1/events"), 401);
    }

    @Test
    void aForgedOrGarbledTokenIsRefusedWith401() {
        var anonymous = new Api(RunningCronium.get().baseUrl());
        assertProblem(anonymous.withToken("not-a-jwt").get("/api/v1/events"), 401);
        assertProblem(anonymous.withToken("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl").get("/api/v1/events"), 401);
    }

    @Test
    void aWrongPasswordIsRefusedWith401() {
        var reply = new Api(RunningCronium.get().baseUrl())
                .post("/api/v1/auth/token", "{\"username\":\"admin\",\"password\":\"nope\"}");
        assertProblem(reply, 401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\": | 400",
            "[1,2] | 400",
            "{\"name\":\"x\",\"type\":\"BASH\",\"content\":\"true\",\"timeoutSeconds\":\"soon\"} | 400",
            "{\"name\":\"x\",\"type\":\"BASH\",\"content\":\"true\",\"env\":[1]} | 422"})
    void malformedOrMistypedJsonIsRefused(String body, int status) {
        assertProblem(api.post("/api/v1/events", body), status);
    }

    @Test
    void missingAndInvalidFieldsAre422WithEachFieldNamed() {
        var reply = api.post("/api/v1/events", "{\"type\":\"RUBY\",\"timeoutSeconds\":0,"
                + "\"schedule\":{\"cron\":\"* * * 99 *\",\"timezone\":\"Mars/Base\",\"intervalSeconds\":-1}}");
        assertProblem(reply, 422);
        var fields = reply.json().getJsonArray("errors").getValuesAs(jakarta.json.JsonObject.class).stream()
                .map(e -> e.getString("field")).toList();
        assertTrue(fields.containsAll(java.util.List.of("name", "type", "timeoutSeconds", "schedule",
                "schedule.cron", "schedule.timezone", "schedule.intervalSeconds")), fields.toString());
    }

    @Test
    void aScriptEventWithoutAScriptIs422() {
        assertProblem(api.post("/api/v1/events", "{\"name\":\"empty\",\"type\":\"PYTHON\"}"), 422);
    }

    @Test
    void unknownIdsAre404() {
        assertProblem(api.get("/api/v1/events/987654"), 404);
        assertProblem(api.post("/api/v1/events/987654/run", "{}"), 404);
        assertProblem(api.get("/api/v1/logs/987654"), 404);
        assertProblem(api.get("/api/v1/jobs/987654"), 404);
        assertProblem(api.delete("/api/v1/events/987654"), 404);
        assertProblem(api.get("/api/v1/events/not-a-number"), 404);
        assertProblem(api.get("/api/v1/no-such-thing"), 404);
    }

    @Test
    void badListParametersAre400() {
        assertProblem(api.get("/api/v1/events?limit=0"), 400);
        assertProblem(api.get("/api/v1/events?limit=501"), 400);
        assertProblem(api.get("/api/v1/events?cursor=garbage"), 400);
        assertProblem(api.get("/api/v1/logs?status=HAPPY"), 400);
        assertProblem(api.get("/api/v1/logs?from=yesterday"), 400);
    }

    @Test
    void aWrongContentTypeIs415() {
        var reply = api.send("POST", "/api/v1/events", "text/plain", "name=x");
        assertProblem(reply, 415);
        assertEquals("send the body as application/json", reply.json().getString("detail"));
    }

    @Test
    void anEmptyBodyIs400WithAReason() {
        var reply = api.post("/api/v1/events", "");
        assertProblem(reply, 400);
        assertEquals("the request body is missing or is not valid JSON", reply.json().getString("detail"));
    }

    @Test
    void badBodiesForTokensUsersAndResetsAreExplained() {
        assertProblem(api.post("/api/v1/tokens", "{}"), 422);
        assertProblem(api.post("/api/v1/tokens", ""), 400);
        assertProblem(api.post("/api/v1/users", "[1]"), 400);
        long adminId = api.get("/api/v1/users?limit=500").json().getJsonArray("items").getValuesAs(jakarta.json.JsonObject.class)
                .stream().filter(u -> u.getString("username").equals("admin")).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        var rename = api.put("/api/v1/users/" + adminId, jakarta.json.Json.createObjectBuilder().add("username", "root").build());
        assertProblem(rename, 422);
        var anonymous = new Api(RunningCronium.get().baseUrl());
        assertProblem(anonymous.post("/api/v1/auth/password-reset/confirm", "{}"), 422);
        assertProblem(anonymous.post("/api/v1/auth/password-reset/confirm", ""), 400);
    }
}
