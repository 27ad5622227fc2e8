package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A deleted server's life until it is purged: conflict while events use it (or force), restore within the
 * retention, the owner's mail warning (to the local SMTP server) a few days before, and the purge itself by the
 * maintenance batch job. Days pass by moving the server's timestamps in the database; the purge round runs every
 * 2 s in the system-test server (CRONIUM_SERVERS_PURGE_EVERY_SECONDS).
 */
@Order(15)
class ServerRetentionIT {

    static Api admin;
    static Api owner;

    @BeforeAll
    static void users() {
        String base = RunningCronium.get().baseUrl();
        admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "retention-owner")
                .add("password", "retention-owner-pw").add("email", "retention-owner@test.local").add("role", "USER")
                .add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS").add("RUN_REMOTE")).build());
        owner = new Api(base).login("retention-owner", "retention-owner-pw");
    }

    @Test
    void aServerInUseIsAConflictUnlessForcedAndADeletedOneCanBeRestored() {
        long server = ServersIT.create(owner, ServersIT.server("in-use", 1).add("sshKey", SshHosts.key("id_ed25519")).build());
        long event = owner.createEvent(RemoteRunIT.remoteEvent("uses-in-use", "id", server));
        var conflict = owner.delete("/api/v1/servers/" + server);
        assertEquals(409, conflict.status(), conflict.body());
        assertTrue(conflict.contentType().startsWith("application/problem+json"), conflict.contentType());
        assertTrue(conflict.body().contains("'uses-in-use' (" + event + ")"), conflict.body());

        assertEquals(204, owner.delete("/api/v1/servers/" + server + "?force=true").status());
        assertEquals(List.of(), owner.get("/api/v1/events/" + event).json().getJsonArray("serverIds"));
        assertEquals(404, owner.get("/api/v1/servers/" + server).status());
        var deleted = owner.get("/api/v1/servers?deleted=true").json().getJsonArray("items");
        assertTrue(deleted.stream().anyMatch(s -> s.asJsonObject().getJsonNumber("id").longValue() == server
                && !Api.isNull(s.asJsonObject(), "deletedAt")), deleted.toString());

        long namesake = ServersIT.create(owner, ServersIT.server("in-use", 2).add("password", "x").build());
        var clash = owner.post("/api/v1/servers/" + server + "/restore", "{}");
        assertEquals(409, clash.status(), clash.body());
        assertTrue(clash.body().contains("rename it"), clash.body());
        assertEquals(204, owner.delete("/api/v1/servers/" + namesake).status());

        var restored = owner.post("/api/v1/servers/" + server + "/restore", "{}");
        assertEquals(200, restored.status(), restored.body());
        assertTrue(Api.isNull(restored.json(), "deletedAt"));
        assertEquals(200, owner.get("/api/v1/servers/" + server).status());
        assertEquals(409, owner.post("/api/v1/servers/" + server + "/restore", "{}").status());
        assertEquals(404, new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD)
                .post("/api/v1/servers/999999/restore", "{}").status());
    }

    @Test
    void theOwnerIsWarnedByMailThenTheServerIsPurged() throws Exception {
        String key = SshHosts.key("id_ed25519");
        long doomed = ServersIT.create(owner, ServersIT.server("doomed", 1).add("sshKey", key).build());
        long late = ServersIT.create(owner, ServersIT.server("deleted-long-ago", 2).add("sshKey", key).build());
        assertEquals(204, owner.delete("/api/v1/servers/" + doomed).status());
        assertEquals(204, owner.delete("/api/v1/servers/" + late).status());
        sql("update servers set deleted_at = now() - interval '28 days' where id = " + doomed);

        var mail = RunningCronium.get().mail().awaitMailTo("retention-owner@test.local", Duration.ofSeconds(30));
        assertTrue(mail.data().contains("Subject: Cronium: server 'doomed' will be deleted for good on"), mail.data());
        assertTrue(mail.data().contains("/api/v1/servers/" + doomed + "/restore"), mail.data());
        assertFalse(mail.data().contains("PRIVATE KEY") || mail.data().contains(key.lines().skip(1).findFirst().orElseThrow()),
                "no credential in the mail");
        assertEquals(1L, count("select count(*) from servers where id = " + doomed + " and purge_warned_at is not null"));

        // deleted 40 days ago but never warned (say mail was down): warned now, purged only after the warning period
        sql("update servers set deleted_at = now() - interval '40 days' where id = " + late);
        var lateMail = RunningCronium.get().mail().awaitMailTo("retention-owner@test.local", Duration.ofSeconds(30));
        assertTrue(lateMail.data().contains("'deleted-long-ago'"), lateMail.data());

        sql("update servers set deleted_at = now() - interval '31 days', purge_warned_at = now() - interval '4 days'"
                + " where id = " + doomed);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("select count(*) from servers where id = " + doomed) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0L, count("select count(*) from servers where id = " + doomed), "purged after the retention");
        var audit = admin.get("/api/v1/audit?action=SERVER_PURGED").body();
        assertTrue(audit.contains("server:" + doomed), audit);
        assertEquals(1L, count("select count(*) from servers where id = " + late),
                "the rounds that purged the other kept this one: it is within its warning period");
    }

    private static void sql(String statement) throws SQLException {
        try (var c = RunningCronium.get().database(); var s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private static long count(String query) throws SQLException {
        try (var c = RunningCronium.get().database(); var s = c.createStatement(); var rows = s.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
