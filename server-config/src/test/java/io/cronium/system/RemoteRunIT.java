package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Events that run over SSH on the namespaced sshd hosts: one server, three at once, one of them down (PARTIAL),
 * and who may send scripts where.
 */
@Order(14)
class RemoteRunIT {

    static Api operator;
    static long[] servers = new long[4];

    @BeforeAll
    static void serversOfAnOperator() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "ssh-operator").add("password", "ssh-operator-pw")
                .add("role", "USER").add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS").add("RUN_REMOTE"))
                .build());
        operator = new Api(base).login("ssh-operator", "ssh-operator-pw");
        for (int host = 1; host <= 3; host++) {
            servers[host] = ServersIT.create(operator, ServersIT.server("web" + host, host)
                    .add("sshKey", SshHosts.key("id_ed25519")).build());
        }
    }

    static JsonObject remoteEvent(String name, String script, long... serverIds) {
        var ids = Json.createArrayBuilder();
        for (long id : serverIds) {
            ids.add(id);
        }
        return Json.createObjectBuilder().add("name", name).add("type", "BASH").add("content", script)
                .add("runLocation", "REMOTE").add("serverIds", ids).build();
    }

    static JsonObject runAndWait(JsonObject event) throws InterruptedException {
        return runEvent(operator.createEvent(event));
    }

    @Test
    void aScriptRunsOnItsServerAndTheFirstHostKeyIsPinned() throws Exception {
        long server = ServersIT.create(operator, ServersIT.server("first use", 1)
                .add("sshKey", SshHosts.key("id_ed25519")).build());
        assertTrue(Api.isNull(operator.get("/api/v1/servers/" + server).json(), "hostKeyFingerprint"));
        var event = Json.createObjectBuilder(remoteEvent("on web1", "echo \"$(hostname) says $TOKEN\"", server))
                .add("env", Json.createObjectBuilder().add("TOKEN", "remote-secret-77"))
                .add("secretEnv", Json.createArrayBuilder().add("TOKEN")).build();
        var log = runAndWait(event);
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("host1 says ***\n", log.getString("output"));
        var execution = log.getJsonArray("executions").getJsonObject(0);
        assertEquals("ssh", execution.getString("executor"));
        assertEquals(server, execution.getJsonNumber("serverId").longValue());
        assertTrue(execution.getJsonObject("phases").containsKey("connect"));
        assertEquals(SshHosts.fingerprint(1), operator.get("/api/v1/servers/" + server).json()
                .getString("hostKeyFingerprint"), "pinned on first use by the run");
        var stored = operator.get("/api/v1/events/" + log.getJsonNumber("eventId")).json();
        assertEquals(List.of((int) server), stored.getJsonArray("serverIds").getValuesAs(
                jakarta.json.JsonNumber::intValue));
    }

    @Test
    void threeServersRunSideBySide() throws Exception {
        // the hosts share this machine's clock: each prints when it started and when it ended
        var log = runAndWait(remoteEvent("fan-out", "date +%s%N; hostname; sleep 1; date +%s%N",
                servers[1], servers[2], servers[3]));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        var executions = log.getJsonArray("executions");
        assertEquals(3, executions.size());
        long latestStart = 0;
        long earliestEnd = Long.MAX_VALUE;
        for (var x : executions) {
            String[] lines = x.asJsonObject().getString("output").split("\n");
            assertEquals(3, lines.length, x.toString());
            latestStart = Math.max(latestStart, Long.parseLong(lines[0]));
            earliestEnd = Math.min(earliestEnd, Long.parseLong(lines[2]));
        }
        for (int host = 1; host <= 3; host++) {
            assertTrue(log.getString("output").contains("== web" + host + " ==\n"), log.getString("output"));
            assertTrue(log.getString("output").contains("\nhost" + host + "\n"), log.getString("output"));
        }
        assertTrue(latestStart < earliestEnd, "every server had started before any had finished: side by side");
    }

    @Test
    void aServerThatIsDownMakesTheRunPartial() throws Exception {
        SshHosts.script("--stop", "3");
        try {
            var log = runAndWait(remoteEvent("partial", "hostname", servers[1], servers[2], servers[3]));
            assertEquals("PARTIAL", log.getString("status"), log.toString());
            assertEquals(100, log.getInt("exitCode"));
            assertTrue(log.getString("error").contains("1 of 3 servers failed: web3 (TCP connect failed: "
                    + "connection to 10.77.0.13:22 refused)"), log.getString("error"));
            assertTrue(log.getString("output").contains("host1") && log.getString("output").contains("host2"));
            var statuses = log.getJsonArray("executions").stream().map(v -> v.asJsonObject().getString("status"))
                    .sorted().toList();
            assertEquals(List.of("FAILURE", "SUCCESS", "SUCCESS"), statuses);
        } finally {
            SshHosts.script("3");
        }
    }

    @Test
    void sendingScriptsToServersNeedsThePermissionAndOwnServers() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "local-only").add("password", "local-only-pw")
                .add("role", "USER").build());
        var localOnly = new Api(base).login("local-only", "local-only-pw");
        assertEquals(403, localOnly.post("/api/v1/events", remoteEvent("nope", "id", servers[1])).status());

        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "other-operator")
                .add("password", "other-operator-pw").add("role", "USER")
                .add("permissions", Json.createArrayBuilder().add("RUN_REMOTE")).build());
        var otherOperator = new Api(base).login("other-operator", "other-operator-pw");
        var foreign = otherOperator.post("/api/v1/events", remoteEvent("foreign", "id", servers[2]));
        assertEquals(422, foreign.status(), foreign.body());
        assertTrue(foreign.body().contains("server " + servers[2] + " not found"), foreign.body());

        var noServers = operator.post("/api/v1/events", remoteEvent("nowhere", "id"));
        assertEquals(422, noServers.status());
        assertTrue(noServers.body().contains("\"serverIds\""), noServers.body());
        assertFalse(noServers.body().contains("Exception"));
    }

    @Test
    void aGroupRunsOnTheOwnersServersInItAsTheyAreAtEachRun() throws Exception {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        admin.post("/api/v1/users", Json.createObjectBuilder().add("username", "blue-neighbour").add("password", "blue-neighbour-pw")
                .add("role", "USER").add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS").add("RUN_REMOTE"))
                .build());
        var neighbour = new Api(base).login("blue-neighbour", "blue-neighbour-pw");
        // another user's server in a group of the same name is never a target
        ServersIT.create(neighbour, ServersIT.server("their-blue", 1).add("group", "blue")
                .add("sshKey", SshHosts.key("id_ed25519")).build());
        long blue2 = ServersIT.create(operator, ServersIT.server("blue2", 2).add("group", "blue")
                .add("sshKey", SshHosts.key("id_ed25519")).build());
        long blue3 = ServersIT.create(operator, ServersIT.server("blue3", 3).add("group", " blue ")
                .add("sshKey", SshHosts.key("id_ed25519")).build());
        var listed = operator.get("/api/v1/servers?group=blue").json().getJsonArray("items");
        assertEquals(List.of(blue3, blue2), listed.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList());

        var event = Json.createObjectBuilder().add("name", "blue-group").add("type", "BASH").add("content", "hostname")
                .add("runLocation", "REMOTE").add("serverGroups", Json.createArrayBuilder().add("blue")).build();
        long id = operator.createEvent(event);
        assertEquals(List.of("blue"), operator.get("/api/v1/events/" + id).json().getJsonArray("serverGroups")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        var log = runEvent(id);
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals(List.of(blue2, blue3), serverIds(log));
        assertFalse(log.getString("output").contains("host1"), log.getString("output"));

        assertEquals(204, operator.delete("/api/v1/servers/" + blue3).status());
        log = runEvent(id);
        assertEquals(List.of(blue2), serverIds(log), "a deleted server leaves the group from the next run on");

        assertEquals(204, operator.delete("/api/v1/servers/" + blue2).status());
        log = runEvent(id);
        assertEquals("FAILURE", log.getString("status"), log.toString());
        assertTrue(log.getString("error").contains("no server to run on"), log.toString());

        var local = operator.post("/api/v1/events", Json.createObjectBuilder().add("name", "local-group").add("type", "BASH")
                .add("content", "id").add("serverGroups", Json.createArrayBuilder().add("blue")).build());
        assertEquals(422, local.status(), local.body());
        assertTrue(local.body().contains("\"serverGroups\""), local.body());
        var blank = operator.post("/api/v1/events", Json.createObjectBuilder().add("name", "blank-group").add("type", "BASH")
                .add("content", "id").add("runLocation", "REMOTE").add("serverGroups", Json.createArrayBuilder().add(" ")).build());
        assertEquals(422, blank.status(), blank.body());
        assertTrue(blank.body().contains("group names of 1 to 64 characters"), blank.body());
    }

    @Test
    void whatALostRunLeftRunningOnItsServerIsStoppedAndTheRunSaysSo() throws Exception {
        long event = operator.createEvent(remoteEvent("lost-remote", "sleep 300", servers[1]));
        var dead = DeadNode.leftRunning(event, "{\"type\":\"BASH\",\"script\":\"sleep 300\",\"timeoutSeconds\":600,"
                + "\"env\":{},\"retries\":0,\"recovery\":\"FAIL\",\"isolation\":\"AUTO\",\"servers\":[" + servers[1] + "]}",
                servers[1], 5); // its lease runs out once the leftover below is on the server, not before
        // what the runner leaves on the server when the connection of its node is gone: the script's process
        // group, named in the payload directory's pid file
        String dir = "/tmp/cronium-run-" + dead.executionId();
        String pid = onHost1("mkdir -p " + dir + "/work && (setsid sleep 300 </dev/null >/dev/null 2>&1 & echo $! > " + dir
                + "/pid) && sleep 0.2 && cat " + dir + "/pid").strip();
        assertEquals("alive", onHost1("kill -0 -" + pid + " && echo alive").strip());

        var log = operator.awaitFinished(dead.logId(), Duration.ofSeconds(30));
        assertEquals("FAILURE", log.getString("status"), "recovery policy FAIL");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String error = "";
        while (!error.contains("process group was killed") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            error = operator.get("/api/v1/logs/" + dead.logId()).json().getJsonArray("executions").getJsonObject(0)
                    .getString("error", "");
        }
        assertTrue(error.contains("the lost attempt (its node dead-node stopped running it) was still running on web1:"
                + " its process group was killed"), error + " / the sweep's record: " + leftoverRecord(dead.executionId()));
        assertEquals("gone", onHost1("kill -0 -" + pid + " 2>/dev/null && echo alive || echo gone").strip());
        assertEquals("", onHost1("ls -d " + dir + " 2>/dev/null || true"));
        try (var c = RunningCronium.get().database(); var s = c.createStatement();
             var rows = s.executeQuery("select count(*) from remote_leftovers")) {
            rows.next();
            assertEquals(0, rows.getInt(1), "settled");
        }
    }

    private static String leftoverRecord(String executionId) throws Exception {
        try (var c = RunningCronium.get().database(); var s = c.prepareStatement(
                "select tries, next_try_at, last_error from remote_leftovers where execution_id = ?")) {
            s.setString(1, executionId);
            try (var rows = s.executeQuery()) {
                return rows.next() ? "tries " + rows.getInt(1) + ", next " + rows.getTimestamp(2) + ", last error "
                        + rows.getString(3) : "none";
            }
        }
    }

    /** A command on the first SSH host as the test user (its /tmp is its own: only reachable over SSH). */
    static String onHost1(String command) throws Exception {
        return SshHosts.run("ssh", "-i", "/run/cronium-ssh/keys/id_ed25519", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                SshHosts.USER + "@" + SshHosts.address(1), command);
    }

    private static JsonObject runEvent(long id) throws InterruptedException {
        var reply = operator.post("/api/v1/events/" + id + "/run", "{}");
        assertEquals(202, reply.status(), reply.body());
        return operator.awaitFinished(reply.json().getJsonNumber("logId").longValue(), Duration.ofSeconds(60));
    }

    private static List<Long> serverIds(JsonObject log) {
        return log.getJsonArray("executions").stream().map(v -> v.asJsonObject().getJsonNumber("serverId").longValue())
                .sorted().toList();
    }
}
