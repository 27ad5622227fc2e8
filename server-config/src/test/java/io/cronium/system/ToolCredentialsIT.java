package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Tool credentials through the API: the plugins' fields, USE_TOOL_CREDENTIALS, secrets that go in and never come out
 * (not from the API, the database or the server's output), scoping per owner, every bad field named, the audit.
 */
@Order(22)
class ToolCredentialsIT {

    static final String TOKEN = "ntn_Secret-Token-4471";
    static Api admin;
    static Api user;
    static Api withoutPermission;
    static Api viewer;

    @BeforeAll
    static void users() {
        String base = RunningCronium.get().baseUrl();
        admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "tools-user").add("password", "tools-user-pw")
                .add("role", "USER").add("permissions", Json.createArrayBuilder().add("USE_TOOL_CREDENTIALS")).build());
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "tools-plain").add("password", "tools-plain-pw")
                .add("role", "USER").build());
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "tools-viewer").add("password", "tools-viewer-pw")
                .add("role", "VIEWER").add("permissions", Json.createArrayBuilder().add("USE_TOOL_CREDENTIALS")).build());
        user = new Api(base).login("tools-user", "tools-user-pw");
        withoutPermission = new Api(base).login("tools-plain", "tools-plain-pw");
        viewer = new Api(base).login("tools-viewer", "tools-viewer-pw");
    }

    static JsonObject credential(String plugin, String name, JsonObject fields) {
        return Json.createObjectBuilder().add("pluginId", plugin).add("name", name).add("credentials", fields).build();
    }

    static JsonObject smtp(String password) {
        var fields = Json.createObjectBuilder().add("host", "smtp.example.org").add("port", 587).add("username", "ops")
                .add("from", "ops@example.org").add("security", "STARTTLS");
        if (password != null) {
            fields.add("password", password);
        }
        return fields.build();
    }

    @Test
    void thePluginsSayWhichFieldsTheyNeed() {
        var tools = user.get("/api/v1/tools");
        assertEquals(200, tools.status(), tools.body());
        try (var reader = Json.createReader(new java.io.StringReader(tools.body()))) {
            var list = reader.readArray();
            assertEquals(java.util.List.of("slack", "discord", "email", "teams", "google-sheets", "notion", "trello"),
                    list.stream().map(v -> v.asJsonObject().getString("id")).toList());
            var email = list.getJsonObject(2).getJsonArray("credentialFields");
            var password = email.stream().map(JsonObject.class::cast).filter(f -> f.getString("name").equals("password"))
                    .findFirst().orElseThrow();
            assertTrue(password.getBoolean("secret") && !password.getBoolean("required"), password.toString());
        }
        assertEquals(200, viewer.get("/api/v1/tools").status());
    }

    @Test
    void aSecretGoesInAndNeverComesOut() throws Exception {
        var created = user.post("/api/v1/tool-credentials", credential("notion", "docs workspace",
                Json.createObjectBuilder().add("apiKey", TOKEN).build()));
        assertEquals(201, created.status(), created.body());
        assertFalse(created.body().contains(TOKEN), created.body());
        long id = created.json().getJsonNumber("id").longValue();
        assertEquals("[\"apiKey\"]", created.json().getJsonArray("secretsSet").toString());
        var read = user.get("/api/v1/tool-credentials/" + id);
        assertEquals(200, read.status());
        assertFalse(read.body().contains(TOKEN));
        assertFalse(user.get("/api/v1/tool-credentials").body().contains(TOKEN));
        assertFalse(admin.get("/api/v1/tool-credentials").body().contains(TOKEN));
        assertTrue(admin.get("/api/v1/tool-credentials").body().contains("\"docs workspace\""), "an admin sees all");

        try (Connection c = RunningCronium.get().database(); var s = c.createStatement();
             var rows = s.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
            while (rows.next()) {
                try (var scan = c.createStatement().executeQuery("select count(*) from " + rows.getString(1)
                        + " t where t::text like '%" + TOKEN + "%'")) {
                    scan.next();
                    assertEquals(0, scan.getInt(1), "the token is stored in clear in " + rows.getString(1));
                }
            }
        }
        assertTrue(RunningCronium.get().output().stream().noneMatch(l -> l.contains(TOKEN)));
    }

    @Test
    void aChangeKeepsTheSecretsItDoesNotGiveAndIsAudited() {
        var created = user.post("/api/v1/tool-credentials", credential("email", "mailer", smtp("smtp-Pa55word")));
        assertEquals(201, created.status(), created.body());
        long id = created.json().getJsonNumber("id").longValue();
        var shown = created.json().getJsonObject("fields");
        assertEquals("587", shown.getString("port"));
        assertTrue(Api.isNull(shown, "password") && !created.body().contains("smtp-Pa55word"), created.body());

        var edited = user.put("/api/v1/tool-credentials/" + id, Json.createObjectBuilder().add("name", "mailer 2")
                .add("credentials", Json.createObjectBuilder(smtp(null)).add("host", "mail.example.org")).build());
        assertEquals(200, edited.status(), edited.body());
        assertEquals("mail.example.org", edited.json().getJsonObject("fields").getString("host"));
        assertEquals("[\"password\"]", edited.json().getJsonArray("secretsSet").toString(), "the password was kept");
        var renamed = user.put("/api/v1/tool-credentials/" + id, Json.createObjectBuilder().add("name", "mailer 3").build());
        assertEquals("mailer 3", renamed.json().getString("name"));

        var audit = admin.get("/api/v1/audit?action=TOOL_CREDENTIAL_CHANGED").body();
        assertTrue(audit.contains("tool-credential:" + id) && audit.contains("fields [host]"), audit);
        assertFalse(audit.contains("smtp-Pa55word") || audit.contains("mail.example.org"), "names of fields, not values");
        assertTrue(admin.get("/api/v1/audit?action=TOOL_CREDENTIAL_CREATED").body().contains("tool-credential:" + id));

        assertEquals(204, user.delete("/api/v1/tool-credentials/" + id).status());
        assertEquals(404, user.get("/api/v1/tool-credentials/" + id).status());
        assertTrue(admin.get("/api/v1/audit?action=TOOL_CREDENTIAL_DELETED").body().contains("tool-credential:" + id));
    }

    @Test
    void onlyTheOwnerAndAdminsSeeACredentialAndOnlyHoldersOfThePermissionMakeOne() {
        long id = user.post("/api/v1/tool-credentials", credential("discord", "alerts",
                Json.createObjectBuilder().add("webhookUrl", "https://discord.example/api/webhooks/1/x").build()))
                .json().getJsonNumber("id").longValue();
        assertEquals(404, withoutPermission.get("/api/v1/tool-credentials/" + id).status());
        assertEquals(404, withoutPermission.delete("/api/v1/tool-credentials/" + id).status());
        assertEquals(404, viewer.get("/api/v1/tool-credentials/" + id).status());
        assertFalse(withoutPermission.get("/api/v1/tool-credentials").body().contains("alerts"));
        assertEquals(200, admin.get("/api/v1/tool-credentials/" + id).status());

        var refused = withoutPermission.post("/api/v1/tool-credentials", credential("discord", "mine",
                Json.createObjectBuilder().add("webhookUrl", "https://discord.example/api/webhooks/2/y").build()));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("USE_TOOL_CREDENTIALS"), refused.body());
        assertEquals(403, viewer.post("/api/v1/tool-credentials", credential("discord", "mine",
                Json.createObjectBuilder().add("webhookUrl", "https://discord.example/api/webhooks/2/y").build())).status());
        var filtered = user.get("/api/v1/tool-credentials?pluginId=email").body();
        assertFalse(filtered.contains("\"alerts\""), filtered);
    }

    @Test
    void badInputNamesTheField() {
        var unknown = user.post("/api/v1/tool-credentials", credential("fax", "x", Json.createObjectBuilder().build()));
        assertEquals(422, unknown.status());
        assertTrue(unknown.body().contains("\"pluginId\"") && unknown.body().contains("slack"), unknown.body());
        var fields = user.post("/api/v1/tool-credentials", credential("email", "bad", Json.createObjectBuilder()
                .add("host", "smtp://x").add("port", 0).add("from", "ops@example.org").add("fax", "1").build()));
        assertEquals(422, fields.status());
        for (String field : new String[]{"credentials.host", "credentials.port", "credentials.fax"}) {
            assertTrue(fields.body().contains("\"" + field + "\""), field + " in " + fields.body());
        }
        var noName = user.post("/api/v1/tool-credentials", "{\"pluginId\":\"notion\"}");
        assertEquals(422, noName.status());
        assertTrue(noName.body().contains("\"name\"") && noName.body().contains("\"credentials\""), noName.body());
        var notJson = user.send("POST", "/api/v1/tool-credentials", "application/json", "{oops");
        assertEquals(400, notJson.status(), notJson.body());

        long id = user.post("/api/v1/tool-credentials", credential("trello", "board", Json.createObjectBuilder()
                .add("apiKey", "key-1").add("token", "tok-1").build())).json().getJsonNumber("id").longValue();
        var twin = user.post("/api/v1/tool-credentials", credential("notion", "board",
                Json.createObjectBuilder().add("apiKey", "k").build()));
        assertEquals(409, twin.status(), "names tell a user's credentials apart: " + twin.body());
        var otherPlugin = user.put("/api/v1/tool-credentials/" + id, Json.createObjectBuilder().add("pluginId", "notion").build());
        assertEquals(422, otherPlugin.status());
        assertTrue(otherPlugin.body().contains("\"pluginId\""), otherPlugin.body());
        assertEquals(404, user.get("/api/v1/tool-credentials/999999").status());
    }

    @Test
    void aCiphertextMovedToAnotherRowDoesNotDecryptAndTheCredentialCanBeGivenAgain() throws Exception {
        long victim = user.post("/api/v1/tool-credentials", credential("notion", "victim",
                Json.createObjectBuilder().add("apiKey", "victim-key-0042").build())).json().getJsonNumber("id").longValue();
        long thief = user.post("/api/v1/tool-credentials", credential("notion", "thief",
                Json.createObjectBuilder().add("apiKey", "thief-key").build())).json().getJsonNumber("id").longValue();
        try (Connection c = RunningCronium.get().database(); var s = c.prepareStatement("update tool_credentials set"
                + " credentials_enc = (select credentials_enc from tool_credentials where id = ?) where id = ?")) {
            s.setLong(1, victim);
            s.setLong(2, thief);
            assertEquals(1, s.executeUpdate());
        }
        var read = user.get("/api/v1/tool-credentials/" + thief);
        assertEquals(200, read.status(), read.body());
        assertFalse(read.json().getBoolean("readable"), "bound to its own row: " + read.body());
        assertFalse(read.body().contains("victim-key-0042"));
        var list = user.get("/api/v1/tool-credentials");
        assertEquals(200, list.status(), "one unreadable credential does not break the list");
        assertTrue(user.get("/api/v1/tool-credentials/" + victim).json().getBoolean("readable"));
        var given = user.put("/api/v1/tool-credentials/" + thief, Json.createObjectBuilder()
                .add("credentials", Json.createObjectBuilder().add("apiKey", "thief-key-2")).build());
        assertEquals(200, given.status(), given.body());
        assertTrue(given.json().getBoolean("readable"));
    }
}
