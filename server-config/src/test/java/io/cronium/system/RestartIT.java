package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Stop as Ctrl-C does, rotate the encryption key, start again on the same data directory: events, logs and secrets
 * are all still there. Runs last.
 */
@Order(100)
class RestartIT {

    @Test
    void eventsAndLogsSurviveAStopAndStart() throws Exception {
        var cronium = RunningCronium.get();
        var api = new Api(cronium.baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
        long secretive = api.createEvent(jakarta.json.Json.createObjectBuilder(SkeletonPathIT.bashEvent("rotated", "echo \"key=$K\""))
                .add("env", jakarta.json.Json.createObjectBuilder().add("K", "survives-rotation"))
                .add("secretEnv", jakarta.json.Json.createArrayBuilder().add("K")).build());
        long id = api.createEvent(SkeletonPathIT.bashEvent("survivor", "echo still here"));
        var run = api.post("/api/v1/events/" + id + "/run", "{}").json();
        long logId = run.getJsonNumber("logId").longValue();
        api.awaitFinished(logId, Duration.ofSeconds(30));

        cronium.stop();
        assertFalse(cronium.isRunning());
        assertFalse(Files.exists(cronium.dataDir().resolve("postgres/postmaster.pid")),
                "the launcher stops embedded PostgreSQL on Ctrl-C");
        assertTrue(cronium.output().stream().anyMatch(l -> l.contains("embedded PostgreSQL stopped")),
                () -> String.join("\n", cronium.output().subList(Math.max(0, cronium.output().size() - 15), cronium.output().size())));

        String oldKey = Files.readString(cronium.dataDir().resolve("keys/encryption.key"));
        String rotation = cronium.command("rotate-key");
        assertTrue(rotation.contains("re-encrypted"), rotation);
        assertFalse(oldKey.equals(Files.readString(cronium.dataDir().resolve("keys/encryption.key"))), "a new key is in place");

        cronium.start();
        var again = new Api(cronium.baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
        assertEquals("survivor", again.get("/api/v1/events/" + id).json().getString("name"));
        var log = again.get("/api/v1/logs/" + logId).json();
        assertEquals("SUCCESS", log.getString("status"));
        assertEquals("still here\n", log.getString("output"));
        var afterRotation = again.post("/api/v1/events/" + secretive + "/run", "{}").json();
        var rotatedLog = again.awaitFinished(afterRotation.getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertEquals("SUCCESS", rotatedLog.getString("status"), rotatedLog.toString());
        assertEquals("key=***\n", rotatedLog.getString("output"), "the secret decrypts under the new key");
        assertEquals(1, cronium.output().stream().filter(l -> l.contains("Cronium created the user")).count()
                + cronium.output().stream().filter(l -> l.contains("password from CRONIUM_ADMIN_PASSWORD")).count(),
                "the admin account is created once, on the first start only");
    }
}
