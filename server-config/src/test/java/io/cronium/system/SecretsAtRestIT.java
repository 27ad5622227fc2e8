package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Secrets are encrypted at rest, bound to their row, and absent from every table and from the server's output. */
@Order(5)
class SecretsAtRestIT {

    static final String SECRET = "at-rest-Secret-value-937";
    static Api api;

    @BeforeAll
    static void login() {
        api = new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
    }

    static long secretEvent(String name, String value) {
        return api.createEvent(Json.createObjectBuilder(SkeletonPathIT.bashEvent(name, "echo \"got $TOKEN\""))
                .add("env", Json.createObjectBuilder().add("TOKEN", value))
                .add("secretEnv", Json.createArrayBuilder().add("TOKEN")).build());
    }

    @Test
    void noTableHoldsTheSecretInClearAndTheServerNeverPrintsIt() throws Exception {
        long id = secretEvent("at rest", SECRET);
        var run = api.post("/api/v1/events/" + id + "/run", "{}").json();
        var log = api.awaitFinished(run.getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertEquals("got ***\n", log.getString("output"));

        List<String> tables = new ArrayList<>();
        try (Connection c = RunningCronium.get().database(); var s = c.createStatement();
             var rows = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
            assertTrue(tables.contains("env_vars"));
            for (String table : tables) {
                try (var scan = c.createStatement().executeQuery("select count(*) from " + table + " t where t::text like '%" + SECRET + "%'")) {
                    scan.next();
                    assertEquals(0, scan.getInt(1), "the secret is stored in clear in " + table);
                }
            }
        }
        assertTrue(RunningCronium.get().output().stream().noneMatch(l -> l.contains(SECRET)), "the server's output holds no secret");
    }

    @Test
    void aCiphertextCopiedToAnotherEventFailsItsRunInsteadOfLeaking() throws Exception {
        long victim = secretEvent("victim", "victim-secret-value");
        long thief = secretEvent("thief", "thief-own-value");
        try (Connection c = RunningCronium.get().database(); var s = c.prepareStatement(
                "update env_vars set value_enc = (select value_enc from env_vars where event_id = ?) where event_id = ?")) {
            s.setLong(1, victim);
            s.setLong(2, thief);
            assertEquals(1, s.executeUpdate());
        }
        var run = api.post("/api/v1/events/" + thief + "/run", "{}").json();
        var log = api.awaitFinished(run.getJsonNumber("logId").longValue(), Duration.ofSeconds(30));
        assertEquals("FAILURE", log.getString("status"));
        assertTrue(log.getString("error").contains("cannot decrypt"), log.getString("error"));
        assertFalse(log.toString().contains("victim-secret-value"));
        var next = api.post("/api/v1/events/" + victim + "/run", "{}").json();
        assertEquals("SUCCESS", api.awaitFinished(next.getJsonNumber("logId").longValue(), Duration.ofSeconds(30))
                .getString("status"), "the failed run holds up no other run");
        // A value no key can decrypt would (rightly) stop a later key rotation: leave no such row behind.
        assertEquals(204, api.delete("/api/v1/events/" + thief).status());
    }
}
