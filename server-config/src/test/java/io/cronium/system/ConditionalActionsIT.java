package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Conditional actions: an event's run ending starts other events, recorded on both runs. */
@Order(20)
class ConditionalActionsIT {

    static Api owner;

    @BeforeAll
    static void user() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "actions-owner")
                .add("password", "actions-owner-pw").add("role", "USER").build());
        owner = new Api(base).login("actions-owner", "actions-owner-pw");
    }

    static JsonObject event(String name, String script, JsonArrayBuilder actions) {
        var event = Json.createObjectBuilder(SkeletonPathIT.bashEvent(name, script));
        return actions == null ? event.build() : event.add("actions", actions).build();
    }

    static JsonObject action(String on, String condition, long eventId) {
        var action = Json.createObjectBuilder().add("on", on).add("eventId", eventId);
        return (condition == null ? action : action.add("condition", condition)).build();
    }

    static JsonObject run(long event) throws InterruptedException {
        var reply = owner.post("/api/v1/events/" + event + "/run", "{}");
        assertEquals(202, reply.status(), reply.body());
        return owner.awaitFinished(reply.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
    }

    /** The log a note "started event 'NAME' (log N)" names. */
    static long started(JsonObject log, String name) {
        Matcher m = Pattern.compile("started event '" + Pattern.quote(name) + "' \\(log (\\d+)\\)").matcher(
                log.getString("error"));
        assertTrue(m.find(), "the run says it started " + name + ": " + log.getString("error"));
        return Long.parseLong(m.group(1));
    }

    @Test
    void aFailedRunStartsItsFailureAndConditionActionsWithItsResult() throws Exception {
        long repair = owner.createEvent(event("a-repair", "cronium output \"$(cronium input)\"", null));
        long celebrate = owner.createEvent(event("a-celebrate", "echo yay", null));
        long page = owner.createEvent(event("a-page", "echo paging", null));
        long failing = owner.createEvent(event("a-failing", "cronium output '{\"code\":7}'; exit 2",
                Json.createArrayBuilder().add(action("FAILURE", null, repair)).add(action("SUCCESS", null, celebrate))
                        .add(action("CONDITION", "output.code == 7 and exitCode != 0", page))));
        var read = owner.get("/api/v1/events/" + failing).json();
        assertEquals(3, read.getJsonArray("actions").size());
        assertEquals("output.code == 7 and exitCode != 0", read.getJsonArray("actions").getJsonObject(2)
                .getString("condition"));

        var log = run(failing);
        assertEquals("FAILURE", log.getString("status"));
        assertFalse(log.getString("error").contains("a-celebrate"), "no SUCCESS action after a failure");
        var repaired = owner.awaitFinished(started(log, "a-repair"), Duration.ofSeconds(30));
        assertEquals("ACTION", repaired.getString("trigger"));
        assertEquals(log.getJsonNumber("id").longValue(), repaired.getJsonNumber("triggeredByLogId").longValue());
        assertEquals(Json.createObjectBuilder().add("code", 7).build(), repaired.getJsonObject("result"),
                "the action's run got the run's result as input");
        assertEquals("SUCCESS", owner.awaitFinished(started(log, "a-page"), Duration.ofSeconds(30)).getString("status"));
    }

    @Test
    void twoEventsThatStartEachOtherStopAfterTheChainLimit() throws Exception {
        long ping = owner.createEvent(event("c-ping", "true", null));
        long pong = owner.createEvent(event("c-pong", "true", Json.createArrayBuilder().add(action("ALWAYS", null, ping))));
        var linked = owner.put("/api/v1/events/" + ping, event("c-ping", "true",
                Json.createArrayBuilder().add(action("ALWAYS", null, pong))));
        assertEquals(200, linked.status(), linked.body());
        run(ping);
        Instant deadline = Instant.now().plusSeconds(60);
        List<JsonObject> logs;
        while (true) {
            logs = new java.util.ArrayList<>();
            for (long event : new long[] {ping, pong}) {
                logs.addAll(owner.get("/api/v1/logs?eventId=" + event).json().getJsonArray("items")
                        .getValuesAs(JsonObject.class));
            }
            boolean stopped = logs.stream().anyMatch(l -> !Api.isNull(l, "error")
                    && l.getString("error").contains("in a chain of actions already"));
            if (stopped) {
                break;
            }
            assertTrue(Instant.now().isBefore(deadline), "the chain stopped: " + logs.size() + " runs");
            Thread.sleep(200);
        }
        assertEquals(11, logs.size(), "the first run and 10 started by actions");
    }

    @Test
    void badActionsAre422NamingTheAction() {
        long target = owner.createEvent(event("b-target", "true", null));
        var bad = owner.post("/api/v1/events", event("b-bad", "true", Json.createArrayBuilder()
                .add(action("SOMETIMES", null, target))
                .add(action("CONDITION", "exitCode = 1", target))
                .add(action("SUCCESS", "exitCode == 0", target))
                .add(action("FAILURE", null, 999999999))));
        assertEquals(422, bad.status(), bad.body());
        for (String field : List.of("actions[0].on", "actions[1].condition", "actions[2].condition",
                "actions[3].eventId")) {
            assertTrue(bad.body().contains("\"" + field + "\""), field + " in " + bad.body());
        }
        var self = owner.put("/api/v1/events/" + target, event("b-target", "true",
                Json.createArrayBuilder().add(action("ALWAYS", null, target))));
        assertEquals(422, self.status(), self.body());
        assertTrue(self.body().contains("cannot start the event itself"), self.body());
    }
}
