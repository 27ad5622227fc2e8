package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Scheduled events fire by themselves, once per slot; pausing stops them; the lifecycle rules hold. */
@Order(8)
class SchedulingIT {

    static Api api;

    @BeforeAll
    static void login() {
        api = new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
    }

    static JsonObject scheduled(String name, String cron, String status) {
        return Json.createObjectBuilder(SkeletonPathIT.bashEvent(name, "echo tick"))
                .add("schedule", Json.createObjectBuilder().add("cron", cron).add("timezone", "Europe/Berlin"))
                .add("status", status).build();
    }

    static List<JsonObject> scheduledLogs(long eventId) {
        return api.get("/api/v1/logs?limit=500&eventId=" + eventId).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(l -> l.getString("trigger").equals("SCHEDULE")).toList();
    }

    @Test
    void anActiveScheduleRunsByItselfOncePerSlotUntilPaused() throws Exception {
        long id = api.createEvent(scheduled("every two seconds", "*/2 * * * * ?", "ACTIVE"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (scheduledLogs(id).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        var logs = scheduledLogs(id);
        assertTrue(logs.size() >= 3, "fired by itself: " + logs.size());
        var slots = logs.stream().map(l -> l.getString("scheduledFor")).toList();
        assertEquals(slots.size(), slots.stream().distinct().count(), "one run per slot");
        for (String slot : slots) {
            assertEquals(0, Instant.parse(slot).getEpochSecond() % 2, "on the schedule's seconds: " + slot);
        }
        var finished = api.awaitFinished(logs.get(logs.size() - 1).getJsonNumber("id").longValue(), Duration.ofSeconds(20));
        assertEquals("SUCCESS", finished.getString("status"));

        var paused = api.put("/api/v1/events/" + id, scheduled("every two seconds", "*/2 * * * * ?", "PAUSED"));
        assertEquals(200, paused.status(), paused.body());
        Thread.sleep(1500); // a pass in flight when pausing may still land
        int afterPause = scheduledLogs(id).size();
        Thread.sleep(4000);
        assertEquals(afterPause, scheduledLogs(id).size(), "a paused event does not fire");
        assertTrue(scheduledLogs(id).stream().noneMatch(l -> l.getString("status").equals("PENDING")),
                "runs queued ahead of their slot were cancelled with the pause, none waits forever");
    }

    @Test
    void nextRunsFollowTheScheduleAndAnEditTakesEffectAtOnce() {
        long id = api.createEvent(scheduled("hourly", "0 * * * *", "ACTIVE"));
        var runs = api.get("/api/v1/events/" + id + "/next-runs?count=3").json().getJsonArray("items")
                .getValuesAs(JsonString.class).stream().map(s -> OffsetDateTime.parse(s.getString())).toList();
        assertEquals(3, runs.size());
        assertEquals(Duration.ofHours(1), Duration.between(runs.get(0), runs.get(1)));
        assertEquals(0, runs.get(0).getMinute());
        assertTrue(runs.get(0).getOffset().getTotalSeconds() >= 3600, "shown in the event's zone: " + runs.get(0));

        api.put("/api/v1/events/" + id, scheduled("hourly", "30 6 * * *", "ACTIVE"));
        var edited = OffsetDateTime.parse(api.get("/api/v1/events/" + id + "/next-runs?count=1").json()
                .getJsonArray("items").getString(0));
        assertEquals(6, edited.getHour());
        assertEquals(30, edited.getMinute());

        long manual = api.createEvent(SkeletonPathIT.bashEvent("manual only", "true"));
        assertEquals(0, api.get("/api/v1/events/" + manual + "/next-runs").json().getJsonArray("items").size());
        assertEquals(400, api.get("/api/v1/events/" + manual + "/next-runs?count=0").status());
    }

    @Test
    void theLifecycleAllowsOnlyItsTransitions() {
        long id = api.createEvent(scheduled("lifecycle", "0 0 * * *", "DRAFT"));
        assertEquals(200, api.put("/api/v1/events/" + id, scheduled("lifecycle", "0 0 * * *", "ACTIVE")).status());
        assertEquals(200, api.put("/api/v1/events/" + id, scheduled("lifecycle", "0 0 * * *", "ARCHIVED")).status());
        var back = api.put("/api/v1/events/" + id, scheduled("lifecycle", "0 0 * * *", "ACTIVE"));
        assertEquals(422, back.status());
        assertTrue(back.body().contains("ARCHIVED"), back.body());
        assertEquals(409, api.post("/api/v1/events/" + id + "/run", "{}").status(), "an archived event does not run");
    }
}
