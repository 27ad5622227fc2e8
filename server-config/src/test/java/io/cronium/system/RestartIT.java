package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stop as Ctrl-C does, rotate the encryption key, start again on the same data directory: events, logs and secrets
 * are all still there, and the schedule slots that fell in the downtime are handled by each event's misfire policy,
 * every one of them exactly once. Runs last.
 */
@Order(100)
class RestartIT {

    @Test
    void eventsAndLogsSurviveAStopAndStart() throws Exception {
        var cronium = RunningCronium.get();
        var api = new Api(cronium.baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
        long secretive = api.createEvent(jakarta.json.Json.createObjectBuilder(SkeletonPathIT.bashEvent("rotated", "echo \"key=$K\""))
                .add("isolation", "AUTO").add("env", jakarta.json.Json.createObjectBuilder().add("K", "survives-rotation"))
                .add("secretEnv", jakarta.json.Json.createArrayBuilder().add("K")).build());
        long id = api.createEvent(SkeletonPathIT.bashEvent("survivor", "echo still here"));
        long unsandboxed = api.createEvent(SkeletonPathIT.bashEvent("unsandboxed", "echo as a process"));
        Map<String, Long> byPolicy = new LinkedHashMap<>();
        for (String policy : List.of("SKIP", "RUN_ONCE", "RUN_ALL")) {
            byPolicy.put(policy, api.createEvent(Json.createObjectBuilder(SkeletonPathIT.bashEvent("every 2 s " + policy, "true"))
                    .add("schedule", Json.createObjectBuilder().add("cron", "*/2 * * * * ?").add("misfirePolicy", policy))
                    .add("status", "ACTIVE").build()));
        }
        var run = api.post("/api/v1/events/" + id + "/run", "{}").json();
        long logId = run.getJsonNumber("logId").longValue();
        api.awaitFinished(logId, Duration.ofSeconds(30));

        // a run still going when the node stops: the stop waits for it (up to the grace period), so its end is
        // recorded once, and the recovery policy (RERUN) never runs a script that has finished
        long slow = api.createEvent(Json.createObjectBuilder(SkeletonPathIT.bashEvent("ends during the stop",
                "sleep 3; echo finished")).add("recoveryPolicy", "RERUN").build());
        long slowLog = api.post("/api/v1/events/" + slow + "/run", "{}").json().getJsonNumber("logId").longValue();
        api.awaitStatus(slowLog, "RUNNING", Duration.ofSeconds(30));

        cronium.stop();
        Instant stoppedAt = Instant.now();
        assertFalse(cronium.isRunning());
        assertFalse(Files.exists(cronium.dataDir().resolve("postgres/postmaster.pid")),
                "the launcher stops embedded PostgreSQL on Ctrl-C");
        assertTrue(cronium.output().stream().anyMatch(l -> l.contains("embedded PostgreSQL stopped")),
                () -> String.join("\n", cronium.output().subList(Math.max(0, cronium.output().size() - 15), cronium.output().size())));

        String oldKey = Files.readString(cronium.dataDir().resolve("keys/encryption.key"));
        String rotation = cronium.command("rotate-key");
        assertTrue(rotation.contains("re-encrypted"), rotation);
        assertFalse(oldKey.equals(Files.readString(cronium.dataDir().resolve("keys/encryption.key"))), "a new key is in place");

        // a short misfire threshold, so that the seconds of downtime count as misfires; and, from now on, the
        // administrator forbids unsandboxed local processes
        cronium.start(Map.of("CRONIUM_SCHEDULER_MISFIRE_THRESHOLD_SECONDS", "3", "CRONIUM_ALLOW_UNSANDBOXED", "false"));
        Instant readyAt = Instant.now();
        var again = new Api(cronium.baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
        assertEquals("survivor", again.get("/api/v1/events/" + id).json().getString("name"));
        var log = again.get("/api/v1/logs/" + logId).json();
        assertEquals("SUCCESS", log.getString("status"));
        assertEquals("still here\n", log.getString("output"));
        var slowRun = again.get("/api/v1/logs/" + slowLog).json();
        assertEquals("SUCCESS", slowRun.getString("status"), slowRun.toString());
        assertEquals("finished\n", slowRun.getString("output"));
        assertEquals(1, slowRun.getJsonArray("executions").size(), "one attempt, not re-run after the start: " + slowRun);
        var afterRotation = again.post("/api/v1/events/" + secretive + "/run", "{}").json();
        var rotatedLog = again.awaitFinished(afterRotation.getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertEquals("SUCCESS", rotatedLog.getString("status"), rotatedLog.toString());
        assertEquals("key=***\n", rotatedLog.getString("output"), "the secret decrypts under the new key");
        assertEquals("container", rotatedLog.getJsonArray("executions").getJsonObject(0).getString("executor"));
        var refused = again.post("/api/v1/events/" + unsandboxed + "/run", "{}").json();
        var refusedLog = again.awaitFinished(refused.getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertEquals("FAILURE", refusedLog.getString("status"));
        assertTrue(refusedLog.getString("error").contains("the administrator forbids unsandboxed local processes"),
                refusedLog.getString("error"));
        var create = again.post("/api/v1/events", SkeletonPathIT.bashEvent("another process", "true"));
        assertEquals(422, create.status(), create.body());
        assertTrue(create.body().contains("\"isolation\"") && create.body().contains("CRONIUM_ALLOW_UNSANDBOXED"),
                create.body());
        for (var entry : byPolicy.entrySet()) {
            var logs = afterDowntime(again, entry.getValue(), stoppedAt);
            var slots = logs.stream().map(l -> Instant.parse(l.getString("scheduledFor"))).toList();
            assertEquals(slots.size(), slots.stream().distinct().count(), entry.getKey() + ": one log per slot");
            // the first scheduler pass after the start: slots more than 3 s older than it were misfires
            Instant firstPass = logs.stream().map(l -> Instant.parse(l.getString("createdAt")))
                    .filter(t -> t.isAfter(stoppedAt)).min(Instant::compareTo).orElseThrow();
            // the pass reads its clock before it writes (a busy first pass: ~1 s before), so slots within a second of
            // the threshold may go either way; those older than threshold + 1 s are late for certain
            Instant lateBefore = firstPass.minusSeconds(4);
            var late = logs.stream().filter(l -> {
                Instant slot = Instant.parse(l.getString("scheduledFor"));
                return slot.isAfter(stoppedAt) && slot.isBefore(lateBefore);
            }).toList();
            long expected = Duration.between(stoppedAt, lateBefore).toSeconds() / 2;
            assertTrue(late.size() >= expected - 1 && late.size() >= 4,
                    entry.getKey() + ": every slot of the downtime has its log, " + late.size() + " of ~" + expected);
            long missed = late.stream().filter(l -> l.getString("status").equals("MISSED")).count();
            switch (entry.getKey()) {
                case "SKIP" -> assertEquals(late.size(), missed, "SKIP records every late slot as MISSED, also one"
                        + " that was queued ahead of its instant when the server stopped");
                // the newest late slot, and a slot queued ahead before the stop, may run
                case "RUN_ONCE" -> assertTrue(missed >= late.size() - 2,
                        "RUN_ONCE runs one late slot: " + missed + " of " + late.size() + " missed");
                default -> assertEquals(0, missed, "RUN_ALL runs every late slot");
            }
        }
        assertEquals(1, cronium.output().stream().filter(l -> l.contains("Cronium created the user")).count()
                + cronium.output().stream().filter(l -> l.contains("password from CRONIUM_ADMIN_PASSWORD")).count(),
                "the admin account is created once, on the first start only");
    }

    /**
     * The schedule logs of an event once the first pass after the start has handled the downtime, and the runs
     * queued ahead before the stop have been started or skipped (none waits in the queue any longer).
     */
    static List<JsonObject> afterDowntime(Api api, long eventId, Instant stoppedAt) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            var logs = api.get("/api/v1/logs?limit=500&eventId=" + eventId).json().getJsonArray("items")
                    .getValuesAs(JsonObject.class).stream().filter(l -> l.getString("trigger").equals("SCHEDULE")).toList();
            boolean passed = logs.stream().anyMatch(l -> Instant.parse(l.getString("createdAt")).isAfter(stoppedAt));
            boolean queuedBeforeStopHandled = logs.stream().noneMatch(l -> l.getString("status").equals("PENDING")
                    && Instant.parse(l.getString("createdAt")).isBefore(stoppedAt));
            if (passed && queuedBeforeStopHandled) {
                return logs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("event " + eventId + " never handled its downtime: " + logs);
            }
            Thread.sleep(200);
        }
    }
}
