package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The user's variables through the API, and the runtime helpers through the whole application: a run's input,
 * its variables (a secret one masked wherever the script prints it), setVariable kept after the run, the
 * structured log stored apart, the result on the log; on this node in a container, as a local process, and on a
 * server.
 */
@Order(16)
class HelpersIT {

    static Api user;
    static Api other;
    static long server;

    @BeforeAll
    static void users() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "helper-user").add("password", "helper-user-pw")
                .add("role", "USER").add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS").add("RUN_REMOTE"))
                .build());
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "helper-other").add("password", "helper-other-pw")
                .add("role", "USER").build());
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "helper-viewer").add("password", "helper-viewer-pw")
                .add("role", "VIEWER").build());
        user = new Api(base).login("helper-user", "helper-user-pw");
        other = new Api(base).login("helper-other", "helper-other-pw");
        server = ServersIT.create(user, ServersIT.server("helper-host", 2).add("sshKey", SshHosts.key("id_ed25519")).build());
    }

    static JsonObject value(String value, boolean secret) {
        return Json.createObjectBuilder().add("value", value).add("secret", secret).build();
    }

    @Test
    void variablesAreTheCallersOwnAndSecretsNeverComeBack() {
        assertEquals(201, user.put("/api/v1/variables/region", value("eu-west", false)).status());
        var changed = user.put("/api/v1/variables/region", value("eu-north", false));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("eu-north", user.get("/api/v1/variables/region").json().getString("value"));
        var secret = user.put("/api/v1/variables/api-token", value("tok-5ecret-value", true));
        assertEquals(201, secret.status());
        assertFalse(secret.body().contains("tok-5ecret-value"));
        var read = user.get("/api/v1/variables/api-token").json();
        assertTrue(read.getBoolean("secret") && Api.isNull(read, "value"), read.toString());
        assertFalse(user.get("/api/v1/variables").body().contains("tok-5ecret-value"));

        assertEquals(404, other.get("/api/v1/variables/region").status(), "another user has a namespace of their own");
        assertEquals(404, other.delete("/api/v1/variables/region").status());
        var viewer = new Api(RunningCronium.get().baseUrl()).login("helper-viewer", "helper-viewer-pw");
        assertEquals(403, viewer.put("/api/v1/variables/x", value("1", false)).status());

        var badKey = user.put("/api/v1/variables/has%20space", value("1", false));
        assertEquals(422, badKey.status(), badKey.body());
        assertTrue(badKey.body().contains("\"key\""), badKey.body());
        var noValue = user.put("/api/v1/variables/empty", Json.createObjectBuilder().build());
        assertEquals(422, noValue.status());
        assertTrue(noValue.body().contains("\"value\""), noValue.body());
        assertEquals(204, user.delete("/api/v1/variables/region").status());
        assertEquals(404, user.get("/api/v1/variables/region").status());
    }

    @Test
    void aScriptUsesItsHelpersWhereverItRuns() throws Exception {
        user.put("/api/v1/variables/greeting", value("hello", false));
        user.put("/api/v1/variables/db-password", value("pa55-w0rd-xyz", true));
        String script = """
                echo "greeting=$(cronium getVariable greeting) secret=$(cronium getVariable db-password)"
                name=$(cronium input | sed 's/.*"name":"\\([^"]*\\)".*/\\1/')
                cronium setVariable "visits-$CRONIUM_EVENT_ID" "$name"
                [ "$(cronium getVariable "visits-$CRONIUM_EVENT_ID")" = "$name" ] || echo "set, then not read back"
                cronium log "about to finish for $name ($(cronium event | sed 's/.*"mode":"\\([a-z]*\\)".*/\\1/'))" info
                cronium getVariable not-mine || echo "not-mine is absent"
                cronium output "{\\"hello\\":\\"$name\\",\\"secret\\":\\"$(cronium getVariable db-password)\\"}"
                """;
        other.put("/api/v1/variables/not-mine", value("theirs", false));
        Map<String, String> modes = new LinkedHashMap<>();
        List<JsonObject> events = new ArrayList<>();
        events.add(Json.createObjectBuilder().add("name", "helpers-container").add("type", "BASH").add("content", script)
                .add("isolation", "CONTAINER").build());
        events.add(Json.createObjectBuilder().add("name", "helpers-container-network").add("type", "BASH").add("content", script)
                .add("isolation", "CONTAINER").add("limits", Json.createObjectBuilder().add("network", "PER_RUN")).build());
        events.add(Json.createObjectBuilder().add("name", "helpers-process").add("type", "BASH").add("content", script)
                .add("isolation", "PROCESS").build());
        events.add(Json.createObjectBuilder().add("name", "helpers-remote").add("type", "BASH").add("content", script)
                .add("runLocation", "REMOTE").add("serverIds", Json.createArrayBuilder().add(server)).build());
        for (JsonObject event : events) {
            long id = user.createEvent(event);
            var run = user.post("/api/v1/events/" + id + "/run", "{\"input\":{\"name\":\"Zoë\"}}");
            assertEquals(202, run.status(), run.body());
            long logId = run.json().getJsonNumber("logId").longValue();
            var log = user.awaitFinished(logId, Duration.ofSeconds(60));
            String where = event.getString("name");
            assertEquals("SUCCESS", log.getString("status"), where + ": " + log);
            assertEquals("greeting=hello secret=***\nnot-mine is absent\n", log.getString("output"), where);
            assertEquals(Json.createObjectBuilder().add("hello", "Zoë").add("secret", "***").build(),
                    log.getJsonObject("result"), where + ": the result, secrets masked");
            assertEquals("Zoë", user.get("/api/v1/variables/visits-" + id).json().getString("value"), where);
            try (var c = RunningCronium.get().database(); var s = c.prepareStatement(
                    "select stream, content from output_chunks where log_id = ? order by id")) {
                s.setLong(1, logId);
                var rows = s.executeQuery();
                var chunks = new StringBuilder();
                while (rows.next()) {
                    chunks.append(rows.getString(1)).append(':').append(rows.getString(2)).append('|');
                }
                var mode = java.util.regex.Pattern.compile("LOG:\\[info\\] about to finish for Zoë \\(([a-z]+)\\)")
                        .matcher(chunks);
                assertTrue(mode.find(), where + ": " + chunks);
                modes.put(where, mode.group(1));
                assertFalse(chunks.toString().contains("unreachable"), where + ": " + chunks);
                assertFalse(chunks.toString().contains("pa55-w0rd-xyz"), where + ": " + chunks);
                assertFalse(chunks.toString().contains("cronium:"), where + ": helper calls are not output: " + chunks);
            }
        }
        assertEquals(Map.of("helpers-container", "bundled", "helpers-container-network", "api", "helpers-process", "api",
                "helpers-remote", "api"), modes, "the API wherever the run can reach it: loopback, the run's network's"
                + " gateway, the SSH session's tunnel; the files without a network");
    }

    static final String PYTHON = """
            import cronium
            i = cronium.input()
            e = cronium.event()
            cronium.setVariable("lang-" + str(e["id"]), "python ✓")
            fetched = cronium.fetch(__import__("os").environ["CRONIUM_API_URL"] + "/api/v1/helper/event").json()
            print(e["mode"], fetched["name"] == e["name"], cronium.getVariable("greeting"),
                  cronium.getVariable("db-password"), cronium.getVariable("lang-" + str(e["id"])))
            cronium.log("python says %s" % i["name"], "debug")
            cronium.sleep(10)
            cronium.output({"lang": "python", "name": i["name"]})
            """;

    static final String NODE = """
            (async () => {
              const i = await cronium.input();
              const e = await cronium.event();
              await cronium.setVariable('lang-' + e.id, 'node ✓');
              const fetched = await (await cronium.fetch(process.env.CRONIUM_API_URL + '/api/v1/helper/event')).json();
              console.log(e.mode, fetched.name === e.name, await cronium.getVariable('greeting'),
                await cronium.getVariable('db-password'), await cronium.getVariable('lang-' + e.id));
              await cronium.log('node says ' + i.name, 'debug');
              await cronium.sleep(10);
              await cronium.output({lang: 'node', name: i.name});
            })();
            """;

    @Test
    void pythonAndNodeUseTheApiWhereverTheyReachIt() throws Exception {
        user.put("/api/v1/variables/greeting", value("hello", false));
        user.put("/api/v1/variables/db-password", value("pa55-w0rd-xyz", true));
        for (String type : List.of("PYTHON", "NODE")) {
            String lang = type.toLowerCase(java.util.Locale.ROOT);
            List<JsonObject> events = List.of(
                    Json.createObjectBuilder().add("name", lang + "-process").add("type", type)
                            .add("content", type.equals("PYTHON") ? PYTHON : NODE).add("isolation", "PROCESS").build(),
                    Json.createObjectBuilder().add("name", lang + "-container").add("type", type)
                            .add("content", type.equals("PYTHON") ? PYTHON : NODE).add("isolation", "CONTAINER")
                            .add("limits", Json.createObjectBuilder().add("network", "PER_RUN")).build(),
                    Json.createObjectBuilder().add("name", lang + "-remote").add("type", type)
                            .add("content", type.equals("PYTHON") ? PYTHON : NODE).add("runLocation", "REMOTE")
                            .add("serverIds", Json.createArrayBuilder().add(server)).build());
            for (JsonObject event : events) {
                String where = event.getString("name");
                long id = user.createEvent(event);
                var run = user.post("/api/v1/events/" + id + "/run", "{\"input\":{\"name\":\"Zoë\"}}");
                long logId = run.json().getJsonNumber("logId").longValue();
                var log = user.awaitFinished(logId, Duration.ofSeconds(60));
                assertEquals("SUCCESS", log.getString("status"), where + ": " + log);
                String python = type.equals("PYTHON") ? "True" : "true";
                assertEquals("api " + python + " hello *** " + lang + " ✓\n", log.getString("output"), where);
                assertEquals(Json.createObjectBuilder().add("lang", lang).add("name", "Zoë").build(),
                        log.getJsonObject("result"), where);
                assertEquals(lang + " ✓", user.get("/api/v1/variables/lang-" + id).json().getString("value"), where);
                try (var c = RunningCronium.get().database(); var s = c.prepareStatement(
                        "select string_agg(content, '|') from output_chunks where log_id = ? and stream = 'LOG'")) {
                    s.setLong(1, logId);
                    var rows = s.executeQuery();
                    rows.next();
                    assertEquals("[debug] " + lang + " says Zoë\n", rows.getString(1), where);
                }
            }
        }
    }

    @Test
    void aLargeResultAndAFetchGoThroughTheApiToo() throws Exception {
        long id = user.createEvent(Json.createObjectBuilder().add("name", "large-api").add("type", "BASH")
                .add("isolation", "PROCESS").add("content", """
                        cronium fetch "$CRONIUM_API_URL/api/v1/helper/event" | grep -q '"mode":"api"' && echo fetched
                        yes 'é' | head -n 600000 | tr -d '\\n' | { printf '{"big":"'; cat; printf '"}'; } | cronium output -
                        """).build());
        var run = user.post("/api/v1/events/" + id + "/run", "{}").json();
        var log = user.awaitFinished(run.getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("fetched\n", log.getString("output"));
        String big = log.getJsonObject("result").getString("big");
        assertEquals(600_000, big.length(), "1.2 MB of UTF-8: more than a request body may be elsewhere in the API");
        assertTrue(big.chars().allMatch(c -> c == 'é'));
    }

    @Test
    void theHelperApiAnswersBadCallsWith422AndSaysWhy() throws Exception {
        long id = user.createEvent(Json.createObjectBuilder().add("name", "bad-calls").add("type", "BASH")
                .add("isolation", "PROCESS").add("content", """
                        call() { curl -s -w ' %{http_code}\\n' -H "Authorization: Bearer $CRONIUM_HELPER_TOKEN" "$@"; }
                        call -X POST --data 'x' "$CRONIUM_API_URL/api/v1/helper/log?level=loud"
                        call -X PUT --data 'v' "$CRONIUM_API_URL/api/v1/helper/variables/bad%20key"
                        call -X POST -H 'Content-Type: application/json' --data '{oops' "$CRONIUM_API_URL/api/v1/helper/output"
                        """).build());
        var run = user.post("/api/v1/events/" + id + "/run", "{}").json();
        var log = user.awaitFinished(run.getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
        var lines = log.getString("output").lines().toList();
        assertEquals(3, lines.size(), log.toString());
        assertTrue(lines.get(0).endsWith(" 422") && lines.get(0).contains("level must be debug, info, warn or error"),
                lines.get(0));
        assertTrue(lines.get(1).endsWith(" 422") && lines.get(1).contains("\"key\""), lines.get(1));
        assertTrue(lines.get(2).endsWith(" 422") && lines.get(2).contains("not valid JSON"), lines.get(2));
        assertEquals("FAILURE", log.getString("status"), "a refused output fails the run, as in bundled mode");
    }

    @Test
    void aHelperTokenServesItsRunOnlyAndDiesWithIt() throws Exception {
        java.nio.file.Path saved = java.nio.file.Files.createTempFile("helper-token", ".txt");
        saved.toFile().setWritable(true, false);
        long id = user.createEvent(Json.createObjectBuilder().add("name", "token-keeper").add("type", "BASH")
                .add("isolation", "PROCESS").add("content", "echo \"$CRONIUM_HELPER_TOKEN\" > " + saved
                        + "; echo \"token=$CRONIUM_HELPER_TOKEN\"; curl -s -o /dev/null -w '%{http_code}' -H \"Authorization: Bearer"
                        + " $CRONIUM_HELPER_TOKEN\" $CRONIUM_API_URL/api/v1/events; echo").build());
        var run = user.post("/api/v1/events/" + id + "/run", "{}").json();
        var log = user.awaitFinished(run.getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("token=***\n401\n", log.getString("output"), "masked, and no user's token for the rest of the API");
        String token = java.nio.file.Files.readString(saved).strip();
        assertTrue(token.length() > 100, token);
        var afterwards = new Api(RunningCronium.get().baseUrl()).withToken(token).get("/api/v1/helper/input");
        assertEquals(401, afterwards.status(), afterwards.body());
        assertTrue(afterwards.body().contains("its run has ended"), afterwards.body());
        assertEquals(401, new Api(RunningCronium.get().baseUrl()).withToken(user.token()).get("/api/v1/helper/input").status(),
                "a user's token is no helper token");
    }

    @Test
    void helpersFallBackToTheirFilesWhenTheApiDoesNotAnswerAndSaySo() throws Exception {
        user.put("/api/v1/variables/fallback", value("from-the-snapshot", false));
        long id = user.createEvent(Json.createObjectBuilder().add("name", "fallback").add("type", "PYTHON")
                .add("isolation", "PROCESS").add("content", """
                        import os
                        os.environ["CRONIUM_API_URL"] = "http://127.0.0.1:9"
                        import cronium
                        print(cronium.getVariable("fallback"), cronium.event()["mode"])
                        cronium.output({"fine": True})
                        """).build());
        var run = user.post("/api/v1/events/" + id + "/run", "{}").json();
        long logId = run.getJsonNumber("logId").longValue();
        var log = user.awaitFinished(logId, Duration.ofSeconds(60));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("from-the-snapshot bundled\n", log.getString("output"));
        assertEquals(Json.createObjectBuilder().add("fine", true).build(), log.getJsonObject("result"));
        try (var c = RunningCronium.get().database(); var s = c.prepareStatement(
                "select string_agg(content, '|') from output_chunks where log_id = ? and stream = 'LOG'")) {
            s.setLong(1, logId);
            var rows = s.executeQuery();
            rows.next();
            assertTrue(rows.getString(1).contains("[warn] cronium: the helper API at http://127.0.0.1:9 is unreachable"),
                    rows.getString(1));
        }
    }

    @Test
    void anOutputThatIsNotJsonFailsTheRunAndARefusedVariableIsNamed() throws Exception {
        long id = user.createEvent(Json.createObjectBuilder().add("name", "bad-output").add("type", "BASH")
                .add("content", "cronium output 'not json'; cronium setVariable 'bad key' 1").add("isolation", "PROCESS").build());
        var run = user.post("/api/v1/events/" + id + "/run", "{}").json();
        var log = user.awaitFinished(run.getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
        assertEquals("FAILURE", log.getString("status"), log.toString());
        assertTrue(log.getString("error").contains("cronium output: the result is not valid JSON"), log.getString("error"));
        assertTrue(log.getString("error").contains("setVariable(bad key) refused: key"), log.getString("error"));
    }
}
