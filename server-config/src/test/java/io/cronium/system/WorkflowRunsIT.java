package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Workflow runs end to end: real scripts as steps, on the job queue, with their logs. */
@Order(18)
class WorkflowRunsIT {

    static Api owner;
    static Api other;

    @BeforeAll
    static void users() {
        String base = RunningCronium.get().baseUrl();
        var admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        for (String name : new String[] {"runs-owner", "runs-other"}) {
            admin.post("/api/v1/users", Json.createObjectBuilder().add("username", name).add("password", name + "-pw")
                    .add("role", "USER").add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS")
                            .add("RUN_REMOTE")).build());
        }
        owner = new Api(base).login("runs-owner", "runs-owner-pw");
        other = new Api(base).login("runs-other", "runs-other-pw");
    }

    static long event(String name, String type, String script) {
        return owner.createEvent(Json.createObjectBuilder().add("name", name).add("type", type).add("content", script)
                .add("isolation", "PROCESS").build());
    }

    static long bash(String name, String script) {
        return event(name, "BASH", script);
    }

    /** A workflow of {@code nodes} (key -> event) and edges "from>to:TYPE[:condition]". */
    static JsonObjectBuilder workflow(String errorHandling, Map<String, Long> nodes, String... edges) {
        JsonArrayBuilder n = Json.createArrayBuilder();
        nodes.forEach((key, event) -> n.add(Json.createObjectBuilder().add("id", key).add("eventId", event)));
        JsonArrayBuilder e = Json.createArrayBuilder();
        for (String edge : edges) {
            String[] parts = edge.split(":", 3);
            String[] ends = parts[0].split(">");
            var json = Json.createObjectBuilder().add("from", ends[0]).add("to", ends[1]).add("type", parts[1]);
            if (parts.length > 2) {
                json.add("condition", parts[2]);
            }
            e.add(json);
        }
        return Json.createObjectBuilder().add("name", "wf-" + System.nanoTime()).add("errorHandling", errorHandling)
                .add("nodes", n).add("edges", e);
    }

    static long save(JsonObjectBuilder workflow) {
        var reply = owner.post("/api/v1/workflows", workflow.build());
        assertEquals(201, reply.status(), reply.body());
        return reply.json().getJsonNumber("id").longValue();
    }

    static long start(long workflow, String body) {
        var reply = owner.post("/api/v1/workflows/" + workflow + "/run", body);
        assertEquals(202, reply.status(), reply.body());
        return reply.json().getJsonNumber("workflowExecutionId").longValue();
    }

    static JsonObject awaitEnd(long run, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonObject state = owner.get("/api/v1/workflow-executions/" + run).json();
            if (!state.getString("status").equals("RUNNING")) {
                return state;
            }
            assertTrue(Instant.now().isBefore(deadline), "workflow run " + run + " still running: " + state);
            Thread.sleep(100);
        }
    }

    static Map<String, JsonObject> steps(JsonObject run) {
        Map<String, JsonObject> steps = new LinkedHashMap<>();
        run.getJsonArray("steps").getValuesAs(JsonObject.class).forEach(s -> steps.put(s.getString("nodeId"), s));
        return steps;
    }

    static JsonObject log(JsonObject step) {
        return owner.get("/api/v1/logs/" + step.getJsonNumber("logId").longValue()).json();
    }

    @Test
    void aDiamondRunsItsBranchesSideBySideAndJoinsTheirOutputs() throws Exception {
        long a = bash("d-a", "cronium output '{\"n\":1}'");
        long b = bash("d-b", "sleep 2; cronium output '\"b\"'");
        long c = bash("d-c", "sleep 2; cronium output '\"c\"'");
        long d = bash("d-d", "cronium output \"$(cronium input)\"");
        long id = save(workflow("CONTINUE", Map.of("a", a, "b", b, "c", c, "d", d),
                "a>b:ON_SUCCESS", "a>c:ALWAYS", "b>d:ALWAYS", "c>d:ALWAYS"));
        JsonObject run = awaitEnd(start(id, "{}"), Duration.ofSeconds(60));
        assertEquals("SUCCESS", run.getString("status"), run.toString());
        assertEquals(4, run.getInt("successCount"));
        var steps = steps(run);
        Instant bStart = Instant.parse(log(steps.get("b")).getString("startedAt"));
        Instant cStart = Instant.parse(log(steps.get("c")).getString("startedAt"));
        assertTrue(Duration.between(bStart, cStart).abs().toMillis() < 1500, "b and c ran side by side: " + bStart
                + " " + cStart);
        assertTrue(run.getJsonNumber("durationMs").longValue() < 3900,
                "wall time near the longest branch (2 s), not the sum: " + run);
        assertEquals(owner.get("/api/v1/workflows/" + id).json().getJsonArray("nodes").getValuesAs(JsonObject.class)
                .stream().map(n -> n.getString("id")).toList(), run.getJsonArray("steps").getValuesAs(JsonObject.class)
                .stream().map(st -> st.getString("nodeId")).toList(), "steps in the order of the nodes");
        var joined = log(steps.get("d"));
        assertEquals(Json.createObjectBuilder().add("b", "b").add("c", "c").build(), joined.getJsonObject("result"),
                "the join gets each branch by node id");
        assertEquals("WORKFLOW", joined.getString("trigger"));
        assertEquals(id, joined.getJsonNumber("workflowId").longValue());
    }

    @Test
    void aConditionOnTheOutputTakesOneBranchAndSkipsTheOther() throws Exception {
        long a = bash("c-a", "cronium output \"$(cronium input)\"");
        long big = bash("c-big", "echo big");
        long small = bash("c-small", "echo small");
        long id = save(workflow("CONTINUE", Map.of("a", a, "big", big, "small", small),
                "a>big:ON_CONDITION:output.n > 10", "a>small:ON_CONDITION:exitCode == 0 and output.n <= 10"));
        var low = steps(awaitEnd(start(id, "{\"input\":{\"n\":3}}"), Duration.ofSeconds(30)));
        assertEquals("SUCCESS", low.get("small").getString("status"));
        assertEquals("SKIPPED", low.get("big").getString("status"));
        assertTrue(Api.isNull(low.get("big"), "logId"), "a skipped step never ran");
        var high = steps(awaitEnd(start(id, "{\"input\":{\"n\":30}}"), Duration.ofSeconds(30)));
        assertEquals("SUCCESS", high.get("big").getString("status"));
        assertEquals("SKIPPED", high.get("small").getString("status"));
    }

    @Test
    void aHandledFailureTakesItsFailurePathAndAnUnhandledOneFailsTheRun() throws Exception {
        long fails = bash("f-fails", "echo broken >&2; exit 3");
        long onFailure = bash("f-on-failure", "echo repairing");
        long onSuccess = bash("f-on-success", "echo never");
        long handled = save(workflow("CONTINUE", Map.of("x", fails, "repair", onFailure, "next", onSuccess),
                "x>repair:ON_FAILURE", "x>next:ON_SUCCESS"));
        JsonObject run = awaitEnd(start(handled, "{}"), Duration.ofSeconds(30));
        assertEquals("SUCCESS", run.getString("status"), "the failure was handled: " + run);
        assertEquals("FAILURE", steps(run).get("x").getString("status"));
        assertEquals("SUCCESS", steps(run).get("repair").getString("status"));
        assertEquals("SKIPPED", steps(run).get("next").getString("status"));

        long independent = bash("f-independent", "sleep 1; echo still ran");
        long unhandled = save(workflow("CONTINUE", Map.of("x", fails, "other", independent, "next", onSuccess),
                "x>next:ON_SUCCESS"));
        run = awaitEnd(start(unhandled, "{}"), Duration.ofSeconds(30));
        assertEquals("FAILURE", run.getString("status"), run.toString());
        assertEquals("failed steps: x", run.getString("error"));
        assertEquals("SUCCESS", steps(run).get("other").getString("status"), "CONTINUE lets other branches finish");
    }

    @Test
    void failFastCancelsARunningSibling() throws Exception {
        long slow = bash("ff-slow", "sleep 30; echo too late");
        long bad = bash("ff-bad", "sleep 1; exit 1");
        long id = save(workflow("FAIL_FAST", Map.of("slow", slow, "bad", bad)));
        Instant began = Instant.now();
        JsonObject run = awaitEnd(start(id, "{}"), Duration.ofSeconds(20));
        assertEquals("FAILURE", run.getString("status"), run.toString());
        assertEquals("CANCELLED", steps(run).get("slow").getString("status"));
        var slowLog = owner.awaitFinished(steps(run).get("slow").getJsonNumber("logId").longValue(), Duration.ofSeconds(15));
        assertEquals("CANCELLED", slowLog.getString("status"), slowLog.toString());
        assertTrue(slowLog.getString("error").contains("ff-bad") || slowLog.getString("error").contains("'bad' failed"),
                slowLog.getString("error"));
        assertTrue(Duration.between(began, Instant.now()).toSeconds() < 20, "the sibling did not run its 30 s");
    }

    @Test
    void dataAndWorkflowVariablesPassFromBashToPythonToNode() throws Exception {
        long bash = bash("p-bash", "cronium setVariable greeting \"hello from bash\"; cronium output '{\"n\":1}'");
        long python = event("p-python", "PYTHON", """
                import cronium
                n = cronium.input()["n"]
                cronium.output({"n": n + 1, "greeting": cronium.getVariable("greeting")})
                """);
        long node = event("p-node", "NODE", """
                (async () => {
                  const input = await cronium.input();
                  await cronium.output({n: input.n + 1, heard: input.greeting, own: await cronium.getVariable("greeting")});
                })();
                """);
        long id = save(workflow("FAIL_FAST", Map.of("bash", bash, "python", python, "node", node),
                "bash>python:ON_SUCCESS", "python>node:ON_SUCCESS")
                .add("variables", Json.createObjectBuilder().add("greeting", "default")));
        JsonObject run = awaitEnd(start(id, "{}"), Duration.ofSeconds(60));
        assertEquals("SUCCESS", run.getString("status"), run.toString());
        var last = log(steps(run).get("node"));
        assertEquals(Json.createObjectBuilder().add("n", 3).add("heard", "hello from bash").add("own", "hello from bash")
                .build(), last.getJsonObject("result"));
        assertEquals(404, owner.get("/api/v1/variables/greeting").status(),
                "a declared workflow variable stays with the run, not in the user's variables");

        var unknown = owner.post("/api/v1/workflows/" + id + "/run", "{\"variables\":{\"nope\":\"x\"}}");
        assertEquals(422, unknown.status(), unknown.body());
        assertTrue(unknown.body().contains("variables.nope") && unknown.body().contains("greeting"), unknown.body());
    }

    @Test
    void aServerOverrideRunsEveryScriptStepOnThoseServers() throws Exception {
        long server = ServersIT.create(owner, ServersIT.server("wf-host2", 2).add("sshKey", SshHosts.key("id_ed25519"))
                .build());
        long where = bash("o-where", "hostname");
        long id = save(workflow("CONTINUE", Map.of("where", where))
                .add("serverIds", Json.createArrayBuilder().add(server)));
        JsonObject run = awaitEnd(start(id, "{}"), Duration.ofSeconds(60));
        assertEquals("SUCCESS", run.getString("status"), run.toString());
        assertEquals("host2\n", log(steps(run).get("where")).getString("output"));

        var foreign = owner.post("/api/v1/workflows", workflow("CONTINUE", Map.of("where", where))
                .add("serverIds", Json.createArrayBuilder().add(ServersIT.create(other, ServersIT.server("theirs", 1)
                        .add("sshKey", SshHosts.key("id_ed25519")).build()))).build());
        assertEquals(422, foreign.status(), foreign.body());
        assertTrue(foreign.body().contains("serverIds[0]"), foreign.body());
    }

    @Test
    void runsAreTheOwnersAndAnEndedRunCannotBeCancelled() throws Exception {
        long id = save(workflow("CONTINUE", Map.of("only", bash("r-only", "true"))));
        long run = start(id, "{}");
        assertEquals(404, other.get("/api/v1/workflow-executions/" + run).status());
        assertEquals(404, other.post("/api/v1/workflows/" + id + "/run", "{}").status());
        assertEquals(404, owner.get("/api/v1/workflow-executions/999999999").status());
        awaitEnd(run, Duration.ofSeconds(30));
        var again = owner.post("/api/v1/workflow-executions/" + run + "/cancel", "{}");
        assertEquals(409, again.status(), again.body());
        var list = owner.get("/api/v1/workflows/" + id + "/executions").json();
        assertEquals(run, list.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue());
    }

    @Test
    void cancellingARunStopsItsRunningStepsAndNeverStartsTheRest() throws Exception {
        long slow = bash("x-slow", "sleep 30");
        long after = bash("x-after", "echo never");
        long id = save(workflow("CONTINUE", Map.of("slow", slow, "after", after), "slow>after:ALWAYS"));
        long run = start(id, "{}");
        Instant deadline = Instant.now().plusSeconds(15);
        while (!"RUNNING".equals(log(steps(owner.get("/api/v1/workflow-executions/" + run).json()).get("slow"))
                .getString("status"))) {
            assertTrue(Instant.now().isBefore(deadline), "the slow step started");
            Thread.sleep(100);
        }
        var cancelled = owner.post("/api/v1/workflow-executions/" + run + "/cancel", "{}");
        assertEquals(202, cancelled.status(), cancelled.body());
        JsonObject ended = awaitEnd(run, Duration.ofSeconds(5));
        assertEquals("CANCELLED", ended.getString("status"));
        assertEquals("CANCELLED", steps(ended).get("after").getString("status"));
        var slowLog = owner.awaitFinished(steps(ended).get("slow").getJsonNumber("logId").longValue(), Duration.ofSeconds(15));
        assertEquals("CANCELLED", slowLog.getString("status"));
    }

    @Test
    void aScheduledWorkflowRunsOncePerSlotUntilPaused() throws Exception {
        long tick = bash("s-tick", "true");
        JsonObject draft = workflow("CONTINUE", Map.of("tick", tick))
                .add("schedule", Json.createObjectBuilder().add("intervalSeconds", 1)).build();
        long id = save(Json.createObjectBuilder(draft));
        assertTrue(!Api.isNull(owner.get("/api/v1/workflows/" + id).json(), "nextFireAt"));
        Instant deadline = Instant.now().plusSeconds(15);
        while (owner.get("/api/v1/workflows/" + id + "/executions").json().getJsonArray("items").size() < 2) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the schedule started fewer than 2 runs in 15 s (now " + Instant.now()
                        + "); workflow " + owner.get("/api/v1/workflows/" + id).json() + "; the schedule tick's thread: "
                        + scheduleTickThread() + "; the server said: "
                        + serverSaid("workflow schedule pass", "xpunging timer", "callEJBTimeout"));
            }
            Thread.sleep(100);
        }
        var paused = owner.put("/api/v1/workflows/" + id, Json.createObjectBuilder(draft).add("status", "PAUSED").build());
        assertEquals(200, paused.status(), paused.body());
        assertTrue(Api.isNull(paused.json(), "nextFireAt"), "a paused workflow has no next slot");
        var runs = owner.get("/api/v1/workflows/" + id + "/executions").json().getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertTrue(runs.size() >= 2 && runs.size() <= 4, "one run per slot of a second: " + runs.size());
        runs.forEach(r -> assertEquals("SCHEDULE", r.getString("trigger")));
        Thread.sleep(2500); // two slots' time: a paused workflow must not start in it
        assertEquals(runs.size(), owner.get("/api/v1/workflows/" + id + "/executions").json().getJsonArray("items")
                .size(), "no run once paused");
        // fixed rate: the slots are a second apart, however late in its second the pass that fired one ran
        List<Instant> slots = new java.util.ArrayList<>();
        try (var c = RunningCronium.get().database(); var select = c.prepareStatement(
                "select scheduled_for from schedule_slots where workflow_id = ? order by scheduled_for")) {
            select.setLong(1, id);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    slots.add(rows.getTimestamp(1).toInstant());
                }
            }
        }
        for (int i = 1; i < slots.size(); i++) {
            assertEquals(Duration.ofSeconds(1), Duration.between(slots.get(i - 1), slots.get(i)), "slots " + slots);
        }

        var bad = owner.post("/api/v1/workflows", workflow("CONTINUE", Map.of("tick", tick))
                .add("schedule", Json.createObjectBuilder().add("cron", "not a cron")).build());
        assertEquals(422, bad.status(), bad.body());
        assertTrue(bad.body().contains("schedule.cron"), bad.body());
        var badStatus = owner.post("/api/v1/workflows", workflow("CONTINUE", Map.of("tick", tick))
                .add("status", "SOMETIMES").build());
        assertEquals(422, badStatus.status(), badStatus.body());
        assertTrue(badStatus.body().contains("\"status\""), badStatus.body());
    }

    /** What the thread running the workflow schedule pass does now, if one does (the whole dump is in target/). */
    private static String scheduleTickThread() {
        String dump = RunningCronium.get().threadDump("workflow-schedule");
        return java.util.Arrays.stream(dump.split("\n\n")).filter(t -> t.contains("WorkflowScheduleTick"))
                .findFirst().map(t -> t.lines().limit(25).collect(java.util.stream.Collectors.joining(" | ")))
                .orElse("none (no pass running)");
    }

    /** The server's log lines holding one of {@code needles}, each with the two lines after it (its cause). */
    private static List<String> serverSaid(String... needles) {
        var lines = RunningCronium.get().output();
        List<String> said = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (java.util.Arrays.stream(needles).anyMatch(line::contains)) {
                said.add(String.join(" | ", lines.subList(i, Math.min(lines.size(), i + 3))));
            }
        }
        return said;
    }

    /**
     * A step whose node died mid-run: its job is left RUNNING with a lease nobody renews. The lease reaper ends it by
     * the event's recovery policy, and the workflow run goes on from there: FAIL takes the failure path, RERUN runs
     * the step again and then its successor. Nothing is lost, nothing runs twice.
     */
    @Test
    void aStepLostWithItsNodeIsRecoveredAndTheRunGoesOn() throws Exception {
        for (String policy : List.of("FAIL", "RERUN")) {
            long lost = owner.createEvent(Json.createObjectBuilder().add("name", "lost-" + policy).add("type", "BASH")
                    .add("content", "cronium output '\"again\"'").add("isolation", "PROCESS")
                    .add("recoveryPolicy", policy).build());
            long next = bash("after-" + policy, "echo next");
            long id = save(workflow("CONTINUE", Map.of("a", lost, "b", next),
                    policy.equals("FAIL") ? "a>b:ON_FAILURE" : "a>b:ON_SUCCESS"));
            long run = leftRunningByADeadNode(id, "a", lost, "b", next, policy);
            JsonObject ended = awaitEnd(run, Duration.ofSeconds(40));
            assertEquals("SUCCESS", ended.getString("status"), policy + ": " + ended);
            var steps = steps(ended);
            assertEquals(policy.equals("FAIL") ? "FAILURE" : "SUCCESS", steps.get("a").getString("status"), policy);
            assertEquals("SUCCESS", steps.get("b").getString("status"), policy);
            var a = log(steps.get("a"));
            if (policy.equals("RERUN")) {
                assertEquals(Json.createValue("again"), a.get("result"), "the step ran again");
                assertEquals(2, a.getInt("attempt"));
            } else {
                assertTrue(a.getString("error").contains("recovery policy FAIL"), a.getString("error"));
            }
        }
    }

    /** A workflow run as a node leaves it when it dies while {@code first} runs: its step RUNNING, its job's lease expired. */
    static long leftRunningByADeadNode(long workflow, String first, long firstEvent, String second, long secondEvent,
                                       String policy) throws Exception {
        String definition = Json.createObjectBuilder().add("workflowId", workflow)
                .add("nodes", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("id", first).add("eventId", firstEvent))
                        .add(Json.createObjectBuilder().add("id", second).add("eventId", secondEvent)))
                .add("edges", Json.createArrayBuilder().add(Json.createObjectBuilder().add("from", first).add("to", second)
                        .add("type", policy.equals("FAIL") ? "ON_FAILURE" : "ON_SUCCESS")))
                .add("errorHandling", "CONTINUE").add("serverIds", Json.createArrayBuilder())
                .add("variables", Json.createObjectBuilder()).build().toString();
        try (var c = RunningCronium.get().database()) {
            long run = insert(c, "insert into workflow_executions (workflow_id, owner_id, status, trigger_type,"
                    + " definition, variables, started_at) select id, owner_id, 'RUNNING', 'MANUAL', ?, '{}', now()"
                    + " from workflows where id = ? returning id", definition, workflow);
            long log = insert(c, "insert into logs (event_id, owner_id, workflow_id, workflow_execution_id, status,"
                    + " trigger_type, started_at) select id, owner_id, ?, ?, 'RUNNING', 'WORKFLOW', now() from events"
                    + " where id = ? returning id", workflow, run, firstEvent);
            String payload = Json.createObjectBuilder().add("type", "BASH").add("script", "cronium output '\"again\"'")
                    .add("timeoutSeconds", 60).add("env", Json.createObjectBuilder()).add("retries", 0)
                    .add("recovery", policy).add("isolation", "PROCESS")
                    .add("workflowStep", Json.createObjectBuilder().add("workflowId", workflow).add("executionId", run)
                            .add("node", first).add("variables", Json.createObjectBuilder())).build().toString();
            long job = insert(c, "insert into jobs (event_id, log_id, workflow_execution_id, status, payload, claimed_by,"
                    + " claimed_at, lease_until, started_at) values (?, ?, ?, 'RUNNING', ?, 'dead-node', now(),"
                    + " now() - interval '1 second', now()) returning id", firstEvent, log, run, payload);
            try (var s = c.createStatement()) {
                s.execute("update logs set job_id = " + job + " where id = " + log);
                s.execute("insert into executions (id, job_id, log_id, attempt, executor, status, started_at) values"
                        + " ('exec_" + job + "_1', " + job + ", " + log + ", 1, 'process', 'RUNNING', now())");
            }
            insert(c, "insert into workflow_execution_steps (workflow_execution_id, node_key, event_id, log_id, job_id,"
                    + " status, started_at) values (?, ?, ?, ?, ?, 'RUNNING', now()) returning id", run, first,
                    firstEvent, log, job);
            insert(c, "insert into workflow_execution_steps (workflow_execution_id, node_key, event_id, status)"
                    + " values (?, ?, ?, 'PENDING') returning id", run, second, secondEvent);
            return run;
        }
    }

    private static long insert(java.sql.Connection c, String sql, Object... values) throws java.sql.SQLException {
        try (var s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
