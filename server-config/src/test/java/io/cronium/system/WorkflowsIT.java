package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Workflows through the API: saved whole after the graph check, 422 naming the node or edge, scoped to the owner. */
@Order(17)
class WorkflowsIT {

    static Api owner;
    static Api other;
    static long first;
    static long second;

    @BeforeAll
    static void users() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        for (String name : new String[] {"flow-owner", "flow-other"}) {
            admin.post("/api/v1/users", Json.createObjectBuilder().add("username", name).add("password", name + "-pw")
                    .add("role", "USER").build());
        }
        owner = new Api(base).login("flow-owner", "flow-owner-pw");
        other = new Api(base).login("flow-other", "flow-other-pw");
        first = owner.createEvent(SkeletonPathIT.bashEvent("flow-first", "echo 1"));
        second = owner.createEvent(SkeletonPathIT.bashEvent("flow-second", "echo 2"));
    }

    /** One node running {@code event}. */
    static JsonObject workflow(String name, long event) {
        return Json.createObjectBuilder().add("name", name)
                .add("nodes", Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "only").add("eventId", event)))
                .add("edges", Json.createArrayBuilder()).build();
    }

    static JsonObject chain(String condition) {
        return Json.createObjectBuilder().add("name", "chain").add("errorHandling", "FAIL_FAST")
                .add("nodes", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", "a").add("eventId", first).add("x", 40).add("y", 80))
                        .add(Json.createObjectBuilder().add("id", "b").add("eventId", second)))
                .add("edges", Json.createArrayBuilder().add(Json.createObjectBuilder().add("from", "a").add("to", "b")
                        .add("type", "ON_CONDITION").add("condition", condition)))
                .build();
    }

    @Test
    void aWorkflowIsSavedWholeAndReadBackAsItWasGiven() {
        var created = owner.post("/api/v1/workflows", chain("exitCode == 0 and output.ok == true"));
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonNumber("id").longValue();
        var read = owner.get("/api/v1/workflows/" + id).json();
        assertEquals("FAIL_FAST", read.getString("errorHandling"));
        assertEquals(2, read.getJsonArray("nodes").size());
        assertEquals("a", read.getJsonArray("nodes").getJsonObject(0).getString("id"), "nodes in the order given");
        assertEquals("b", read.getJsonArray("nodes").getJsonObject(1).getString("id"));
        var a = read.getJsonArray("nodes").getValuesAs(JsonObject.class).stream()
                .filter(n -> n.getString("id").equals("a")).findFirst().orElseThrow();
        assertEquals(40, a.getInt("x"));
        assertEquals(first, a.getJsonNumber("eventId").longValue());
        assertEquals("exitCode == 0 and output.ok == true", read.getJsonArray("edges").getJsonObject(0).getString("condition"));

        var inUse = owner.delete("/api/v1/events/" + first);
        assertEquals(409, inUse.status(), inUse.body());
        assertTrue(inUse.body().contains("'chain' (" + id + ")"), inUse.body());

        var changed = owner.put("/api/v1/workflows/" + id, workflow("renamed", second));
        assertEquals(200, changed.status(), changed.body());
        assertEquals(1, owner.get("/api/v1/workflows/" + id).json().getJsonArray("nodes").size());
        assertEquals(404, other.get("/api/v1/workflows/" + id).status(), "another user's workflow does not exist for them");
        assertEquals(404, other.delete("/api/v1/workflows/" + id).status());
        assertEquals(204, owner.delete("/api/v1/workflows/" + id).status());
        assertEquals(404, owner.get("/api/v1/workflows/" + id).status());
    }

    @Test
    void aBadGraphIsA422NamingTheNodeOrEdge() {
        var badCondition = owner.post("/api/v1/workflows", chain("exitCode = 0"));
        assertEquals(422, badCondition.status(), badCondition.body());
        assertTrue(badCondition.body().contains("\"edges[0].condition\"") && badCondition.body().contains("position 10"),
                badCondition.body());

        var cycle = owner.post("/api/v1/workflows", Json.createObjectBuilder(chain("true"))
                .add("edges", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("from", "a").add("to", "b").add("type", "ALWAYS"))
                        .add(Json.createObjectBuilder().add("from", "b").add("to", "a").add("type", "ON_FAILURE"))).build());
        assertEquals(422, cycle.status());
        assertTrue(cycle.body().contains("the edges form a cycle: a -> b -> a"), cycle.body());

        long theirs = other.createEvent(SkeletonPathIT.bashEvent("not-yours", "true"));
        var foreign = owner.post("/api/v1/workflows", workflow("foreign", theirs));
        assertEquals(422, foreign.status());
        assertTrue(foreign.body().contains("\"nodes[0].eventId\"") && foreign.body().contains("event " + theirs + " not found"),
                foreign.body());

        var empty = owner.post("/api/v1/workflows", "{}");
        assertEquals(422, empty.status(), empty.body());
        assertTrue(empty.body().contains("\"name\"") && empty.body().contains("\"nodes\""), empty.body());
    }
}
