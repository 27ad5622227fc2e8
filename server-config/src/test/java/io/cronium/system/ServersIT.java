package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * SSH servers through the API against real sshd hosts in network namespaces: every kind of key and a password,
 * host keys pinned on first use and a changed one refused until an administrator accepts it, errors that name the
 * failing phase, credentials that never come back out.
 */
@Order(13)
class ServersIT {

    static Api admin;
    static Api manager;

    @BeforeAll
    static void login() {
        String base = RunningCronium.get().baseUrl();
        admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "server-manager")
                .add("password", "server-manager-pw").add("role", "USER")
                .add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS")).build());
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "no-servers")
                .add("password", "no-servers-pw").add("role", "USER").build());
        manager = new Api(base).login("server-manager", "server-manager-pw");
    }

    static JsonObjectBuilder server(String name, int host) {
        return Json.createObjectBuilder().add("name", name).add("host", SshHosts.address(host)).add("port", 22)
                .add("username", SshHosts.USER);
    }

    static long create(Api api, JsonObject server) {
        var reply = api.post("/api/v1/servers", server);
        assertEquals(201, reply.status(), reply.body());
        return reply.json().getJsonNumber("id").longValue();
    }

    static JsonObject check(Api api, long id) {
        var reply = api.post("/api/v1/servers/" + id + "/check", "{}");
        assertEquals(200, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void everyKindOfKeyAndAPasswordLogIn() throws Exception {
        var cases = List.of(
                server("ed25519", 1).add("sshKey", SshHosts.key("id_ed25519")).build(),
                server("rsa-pem-passphrase", 2).add("sshKey", SshHosts.key("id_rsa_pem"))
                        .add("passphrase", SshHosts.read("keys/passphrase")).build(),
                server("ecdsa", 3).add("sshKey", SshHosts.key("id_ecdsa")).build(),
                server("password", 1).add("password", SshHosts.read("password")).build());
        for (JsonObject body : cases) {
            long id = create(manager, body);
            var health = check(manager, id);
            assertTrue(health.getBoolean("online"), body.getString("name") + ": " + health);
            int host = Integer.parseInt(body.getString("host").substring(body.getString("host").length() - 1));
            assertEquals(SshHosts.fingerprint(host), health.getString("hostKeyFingerprint"),
                    "the key pinned on first use is the host's");
            var view = manager.get("/api/v1/servers/" + id).json();
            assertTrue(view.getBoolean("online"));
            assertFalse(Api.isNull(view, "lastSeenAt"));
        }
        var kinds = manager.get("/api/v1/servers?limit=500").json().getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("authentication")).toList();
        assertTrue(kinds.containsAll(List.of("KEY", "KEY_WITH_PASSPHRASE", "PASSWORD")), kinds.toString());
    }

    @Test
    void credentialsNeverComeBackOutAndAreEncryptedAtRest() throws Exception {
        String key = SshHosts.key("id_rsa_pem");
        String passphrase = SshHosts.read("keys/passphrase");
        String password = "p4ss-" + System.nanoTime();
        long id = create(manager, server("secretive", 2).add("sshKey", key).add("passphrase", passphrase)
                .add("password", password).build());
        for (String body : List.of(manager.get("/api/v1/servers/" + id).body(), manager.get("/api/v1/servers").body(),
                admin.get("/api/v1/servers/" + id).body())) {
            assertFalse(body.contains("PRIVATE KEY") || body.contains(passphrase) || body.contains(password), body);
        }
        try (var c = RunningCronium.get().database(); var s = c.createStatement();
             var rows = s.executeQuery("select * from servers where id = " + id)) {
            rows.next();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                String value = rows.getString(i);
                assertFalse(value != null && (value.contains("PRIVATE KEY") || value.contains(passphrase)
                        || value.contains(password)), rows.getMetaData().getColumnName(i) + " holds a secret in clear");
            }
        }
        String log = Files.readString(Path.of("target", "system-cronium.log"));
        assertFalse(log.contains(passphrase) || log.contains(password), "a credential in the server's log");
    }

    @Test
    void badCredentialsAreRefusedOnSaveOrReportedWithTheirPhase() {
        var wrongPassphrase = manager.post("/api/v1/servers", server("x", 2).add("sshKey", SshHosts.key("id_rsa_pem"))
                .add("passphrase", "not-it").build());
        assertEquals(422, wrongPassphrase.status());
        assertTrue(wrongPassphrase.body().contains("\"passphrase\""), wrongPassphrase.body());
        var notAKey = manager.post("/api/v1/servers", server("x", 1).add("sshKey", "hello").build());
        assertEquals(422, notAKey.status());
        assertTrue(notAKey.body().contains("OpenSSH or PEM"), notAKey.body());
        var nothing = manager.post("/api/v1/servers", "{\"name\":\"x\",\"host\":\"no host!\",\"port\":70000}");
        assertEquals(422, nothing.status());
        for (String field : List.of("host", "port", "username", "sshKey")) {
            assertTrue(nothing.body().contains("\"" + field + "\""), field + " in " + nothing.body());
        }

        long wrongPassword = create(manager, server("wrong password", 1).add("password", "not-the-password").build());
        var refused = check(manager, wrongPassword);
        assertFalse(refused.getBoolean("online"));
        assertEquals("AUTHENTICATION", refused.getString("phase"));
        assertTrue(refused.getString("error").startsWith("authentication failed: cronium-test was refused"),
                refused.getString("error"));
        assertFalse(refused.getString("error").contains("not-the-password"));

        long closedPort = create(manager, server("closed port", 1).add("port", 2222)
                .add("sshKey", SshHosts.key("id_ed25519")).build());
        var closed = check(manager, closedPort);
        assertEquals("TCP_CONNECT", closed.getString("phase"), closed.toString());
        assertEquals("TCP connect failed: connection to 10.77.0.11:2222 refused", closed.getString("error"));
    }

    @Test
    void aChangedHostKeyIsRefusedUntilAnAdministratorAcceptsIt() throws Exception {
        long id = create(manager, server("rekeyed", 3).add("sshKey", SshHosts.key("id_ed25519")).build());
        String first = check(manager, id).getString("hostKeyFingerprint");
        SshHosts.script("--new-host-key", "3");
        String second = SshHosts.fingerprint(3);
        assertFalse(first.equals(second));

        var refused = check(manager, id);
        assertFalse(refused.getBoolean("online"));
        assertEquals("HOST_KEY", refused.getString("phase"));
        assertTrue(refused.getString("error").contains("presented host key " + second + ", not the pinned " + first),
                refused.getString("error"));
        assertEquals(second, manager.get("/api/v1/servers/" + id).json().getString("offeredHostKeyFingerprint"));
        assertEquals(403, manager.post("/api/v1/servers/" + id + "/host-key/accept", "{}").status(),
                "only an administrator accepts a new host key");
        assertFalse(check(manager, id).getBoolean("online"), "still refused");

        var accepted = admin.post("/api/v1/servers/" + id + "/host-key/accept", "{}");
        assertEquals(200, accepted.status(), accepted.body());
        assertEquals(second, accepted.json().getString("hostKeyFingerprint"));
        assertTrue(check(manager, id).getBoolean("online"));
        assertEquals(409, admin.post("/api/v1/servers/" + id + "/host-key/accept", "{}").status(), "nothing to accept");
        var audit = admin.get("/api/v1/audit?action=SERVER_HOST_KEY_ACCEPTED").body();
        assertTrue(audit.contains(second), audit);
    }

    @Test
    void aNewServerIsCheckedBySchedule() throws Exception {
        long id = create(manager, server("checked by itself", 2).add("sshKey", SshHosts.key("id_ed25519")).build());
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        JsonObject view = manager.get("/api/v1/servers/" + id).json();
        while (Api.isNull(view, "online")) {
            assertTrue(System.nanoTime() < deadline, "never checked: " + view);
            Thread.sleep(250);
            view = manager.get("/api/v1/servers/" + id).json();
        }
        assertTrue(view.getBoolean("online"), view.toString());
        assertFalse(Api.isNull(view, "lastSeenAt"));
        assertEquals(SshHosts.fingerprint(2), view.getString("hostKeyFingerprint"));
    }

    @Test
    void managingServersNeedsThePermissionAndDeletingHidesThem() {
        var withoutPermission = new Api(RunningCronium.get().baseUrl()).login("no-servers", "no-servers-pw");
        assertEquals(403, withoutPermission.post("/api/v1/servers", server("denied", 1)
                .add("password", "x").build()).status());
        long id = create(manager, server("short-lived", 1).add("password", "x").build());
        assertEquals(404, withoutPermission.get("/api/v1/servers/" + id).status(), "another user's server is not found");
        assertEquals(204, manager.delete("/api/v1/servers/" + id).status());
        assertEquals(404, manager.get("/api/v1/servers/" + id).status());
        assertFalse(manager.get("/api/v1/servers?limit=500").body().contains("short-lived"));
    }
}
