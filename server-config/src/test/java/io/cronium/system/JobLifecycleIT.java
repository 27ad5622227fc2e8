package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, cancels, concurrency policies and recovery of a dead node's job, through the API. */
@Order(9)
class JobLifecycleIT {

    static Api api;

    @BeforeAll
    static void login() {
        api = new Api(RunningCronium.get().baseUrl()).login("admin", RunningCronium.ADMIN_PASSWORD);
    }

    static long event(String name, String script, String... fields) {
        return api.createEvent(withFields(SkeletonPathIT.bashEvent(name, script), fields));
    }

    /** The event with more fields, given as name, value pairs; numbers become JSON numbers. */
    static JsonObject withFields(JsonObject event, String... fields) {
        var builder = Json.createObjectBuilder(event);
        for (int i = 0; i < fields.length; i += 2) {
            String value = fields[i + 1];
            if (value.matches("\\d+")) {
                builder.add(fields[i], Integer.parseInt(value));
            } else {
                builder.add(fields[i], value);
            }
        }
        return builder.build();
    }

    static JsonObject run(long eventId) {
        var reply = api.post("/api/v1/events/" + eventId + "/run", "{}");
        assertEquals(202, reply.status(), reply.body());
        return reply.json();
    }

    static long id(JsonObject o, String key) {
        return o.getJsonNumber(key).longValue();
    }

    static List<JsonObject> executions(JsonObject log) {
        return log.getJsonArray("executions").getValuesAs(JsonObject.class);
    }

    @Test
    void aFailingRunIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        long event = event("flaky", """
                echo "attempt $CRONIUM_ATTEMPT of run $CRONIUM_RUN_ID"
                [ "$CRONIUM_ATTEMPT" -ge 3 ] || exit 1
                """, "retries", "3", "retryDelaySeconds", "1", "retryMaxDelaySeconds", "2");
        var ticket = run(event);
        var log = api.awaitFinished(id(ticket, "logId"), Duration.ofSeconds(30));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals(3, log.getInt("attempt"));
        var attempts = executions(log);
        assertEquals(List.of("FAILURE", "FAILURE", "SUCCESS"), attempts.stream().map(e -> e.getString("status")).toList());
        assertEquals(3, attempts.stream().map(e -> e.getString("id")).distinct().count(), "one execution per attempt");
        assertTrue(log.getString("output").startsWith("attempt 3 of run exec_" + id(ticket, "jobId") + "_"), log.getString("output"));
        for (int i = 1; i < attempts.size(); i++) {
            long gap = Duration.between(Instant.parse(attempts.get(i - 1).getString("finishedAt")),
                    Instant.parse(attempts.get(i).getString("startedAt"))).toMillis();
            assertTrue(gap >= 400, "attempt " + (i + 1) + " waited its backoff: " + gap + " ms");
        }
        var job = api.get("/api/v1/jobs/" + id(ticket, "jobId")).json();
        assertEquals("COMPLETED", job.getString("status"));
        assertEquals(3, job.getInt("attempt"));
    }

    @Test
    void retriesRunOutAndTheLogSaysFailure() throws Exception {
        long event = event("always fails", "exit 4", "retries", "1", "retryDelaySeconds", "1");
        var log = api.awaitFinished(id(run(event), "logId"), Duration.ofSeconds(30));
        assertEquals("FAILURE", log.getString("status"));
        assertEquals(4, log.getInt("exitCode"));
        assertEquals(2, executions(log).size());
    }

    /**
     * Ends that may be retried are recorded with their job's row read first (a cancel request decides), not in a
     * group: with more runs than workers, each worker hands such an end over with its next start, and every run
     * still gets its retry and one execution per attempt, beside runs that succeed (recorded in groups).
     */
    @Test
    void runsThatMayBeRetriedAndRunsThatSucceedHandOverTogether() throws Exception {
        long failing = event("fails then retries", "sleep 0.3; exit 4", "retries", "1", "retryDelaySeconds", "1");
        long succeeding = event("succeeds", "sleep 0.3; echo ok");
        List<JsonObject> failed = new java.util.ArrayList<>();
        List<JsonObject> succeeded = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) { // twice the test server's workers, each kind
            failed.add(run(failing));
            succeeded.add(run(succeeding));
        }
        for (JsonObject ticket : failed) {
            var log = api.awaitFinished(id(ticket, "logId"), Duration.ofSeconds(60));
            assertEquals("FAILURE", log.getString("status"), log.toString());
            assertEquals(List.of(1, 2), executions(log).stream().map(x -> x.getInt("attempt")).sorted().toList());
        }
        for (JsonObject ticket : succeeded) {
            var log = api.awaitFinished(id(ticket, "logId"), Duration.ofSeconds(60));
            assertEquals("SUCCESS", log.getString("status"), log.toString());
            assertEquals(1, executions(log).size(), log.toString());
        }
    }

    @Test
    void aScriptIgnoringSigtermIsKilledAtItsTimeout() throws Exception {
        long event = event("stubborn", "trap 'echo ignoring TERM' TERM; echo begun; while true; do sleep 0.2; done",
                "timeoutSeconds", "1", "retries", "0");
        long t0 = System.nanoTime();
        var log = api.awaitFinished(id(run(event), "logId"), Duration.ofSeconds(30));
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("TIMEOUT", log.getString("status"));
        assertTrue(log.getString("error").contains("timed out after 1 s"), log.getString("error"));
        assertTrue(tookMs < 15_000, "killed after the grace period, not left running: " + tookMs + " ms");
    }

    static String jobState(long jobId) throws Exception {
        try (var c = RunningCronium.get().database(); var s = c.prepareStatement(
                "select status || ' ' || coalesce(claimed_by, '-') from jobs where id = ?")) {
            s.setLong(1, jobId);
            var rows = s.executeQuery();
            rows.next();
            return rows.getString(1);
        }
    }

    /** Keeps every worker of the test server (CRONIUM_WORKERS 4) busy with a 30 s run; cancel them to end it. */
    static List<JsonObject> everyWorkerBusy(String name) throws InterruptedException {
        long slow = event(name, "sleep 30", "isolation", "PROCESS");
        List<JsonObject> busy = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            busy.add(run(slow));
        }
        for (JsonObject ticket : busy) {
            api.awaitStatus(id(ticket, "logId"), "RUNNING", Duration.ofSeconds(20));
        }
        return busy;
    }

    /**
     * A worker whose run ends asks for two jobs when it held none: it begins one, and the other is started ahead for
     * the next worker to free up. With every other worker busy for long, that one goes back to the queue after 2 s,
     * as the same attempt with no execution (its script never began), stays free for other nodes while every worker
     * here is busy, and runs once when one frees up.
     */
    @Test
    void aJobStartedAheadOfBusyWorkersIsGivenBackBeforeItBeginsAndRunsOnceLater() throws Exception {
        List<JsonObject> busy = everyWorkerBusy("busy");
        var next = run(event("next", "sleep 30", "isolation", "PROCESS"));
        var waiting = run(event("waiting", "echo ran", "isolation", "PROCESS"));
        long job = id(waiting, "jobId");
        Thread.sleep(1500);
        assertEquals("QUEUED -", jobState(id(next, "jobId")), "no worker free: nothing is claimed");
        assertEquals("QUEUED -", jobState(job));
        api.post("/api/v1/jobs/" + id(busy.get(0), "jobId") + "/cancel", "{}");
        awaitJobState(job, "RUNNING ", Duration.ofSeconds(5));
        assertEquals("RUNNING", api.get("/api/v1/logs/" + id(waiting, "logId")).json().getString("status"),
                "started ahead of a worker, its records written");
        awaitJobState(job, "QUEUED -", Duration.ofSeconds(5));
        var given = api.get("/api/v1/logs/" + id(waiting, "logId")).json();
        assertEquals("PENDING", given.getString("status"), "given back: " + given);
        assertEquals(0, executions(given).size(), "nothing of it ran: " + given);
        Thread.sleep(2500);
        assertEquals("QUEUED -", jobState(job), "and not taken back while every worker here is still busy");
        for (JsonObject ticket : busy) {
            api.post("/api/v1/jobs/" + id(ticket, "jobId") + "/cancel", "{}");
        }
        api.post("/api/v1/jobs/" + id(next, "jobId") + "/cancel", "{}");
        var log = api.awaitFinished(id(waiting, "logId"), Duration.ofSeconds(20));
        assertEquals("SUCCESS", log.getString("status"), "it runs as soon as a worker frees up: " + log);
        assertEquals(1, executions(log).size());
        assertEquals(1, executions(log).get(0).getInt("attempt"), "as the attempt it was: " + log);
    }

    /** Cancelled while started ahead of busy workers: its script never begins, and no record of a run is left. */
    @Test
    void aJobCancelledWhileHeldAheadOfItsWorkerNeverBegins() throws Exception {
        List<JsonObject> busy = everyWorkerBusy("busy while held");
        var next = run(event("next while held", "sleep 30", "isolation", "PROCESS"));
        var held = run(event("held", "echo began > /tmp/cronium-held-began", "isolation", "PROCESS"));
        api.post("/api/v1/jobs/" + id(busy.get(0), "jobId") + "/cancel", "{}");
        awaitJobState(id(held, "jobId"), "RUNNING ", Duration.ofSeconds(5));
        var cancel = api.post("/api/v1/jobs/" + id(held, "jobId") + "/cancel", "{}");
        assertEquals(202, cancel.status(), cancel.body());
        var log = api.awaitFinished(id(held, "logId"), Duration.ofSeconds(10));
        for (JsonObject ticket : busy) {
            api.post("/api/v1/jobs/" + id(ticket, "jobId") + "/cancel", "{}");
        }
        api.post("/api/v1/jobs/" + id(next, "jobId") + "/cancel", "{}");
        assertEquals("CANCELLED", log.getString("status"), log.toString());
        assertTrue(log.getString("error").contains("before it began"), log.toString());
        assertEquals(0, executions(log).size(), "nothing of it ran: " + log);
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/cronium-held-began")));
        assertEquals("CANCELLED", jobState(id(held, "jobId")).split(" ")[0]);
    }

    /**
     * Every worker busy and jobs waiting in the queue: a CRITICAL job queued after them is the first one a worker
     * that frees up begins.
     */
    @Test
    void aMoreUrgentJobOvertakesTheJobsQueuedBeforeIt() throws Exception {
        List<JsonObject> busy = everyWorkerBusy("every worker busy");
        long normal = event("normal", "echo normal", "isolation", "PROCESS");
        List<JsonObject> normals = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            normals.add(run(normal));
        }
        var urgent = run(event("urgent", "echo urgent", "isolation", "PROCESS", "priority", "CRITICAL"));
        Thread.sleep(500);
        for (JsonObject ticket : normals) {
            assertEquals("QUEUED -", jobState(id(ticket, "jobId")));
        }
        api.post("/api/v1/jobs/" + id(busy.get(0), "jobId") + "/cancel", "{}");
        var urgentLog = api.awaitFinished(id(urgent, "logId"), Duration.ofSeconds(20));
        for (JsonObject ticket : busy) {
            api.post("/api/v1/jobs/" + id(ticket, "jobId") + "/cancel", "{}");
        }
        Instant urgentStart = Instant.parse(executions(urgentLog).get(0).getString("startedAt"));
        for (JsonObject ticket : normals) {
            var log = api.awaitFinished(id(ticket, "logId"), Duration.ofSeconds(20));
            assertEquals("SUCCESS", log.getString("status"), log.toString());
            assertTrue(Instant.parse(executions(log).get(0).getString("startedAt")).isAfter(urgentStart),
                    "the CRITICAL job started first: " + urgentLog + " before " + log);
        }
    }

    static void awaitJobState(long jobId, String prefix, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        String state = jobState(jobId);
        while (!state.startsWith(prefix)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " is " + state + ", not " + prefix);
            }
            Thread.sleep(10);
            state = jobState(jobId);
        }
    }

    /**
     * More runs than workers: a worker ending a run starts its next one (claimed ahead) in the same transaction. The
     * first such hand-over is made to fail (a trigger refuses an execution started in a transaction that also ended
     * a job, once): the end and the start are then written apart, and every run still runs once.
     */
    @Test
    void aWorkerRecordsItsRunsEndWithItsNextStartAndApartWhenThatFails() throws Exception {
        long eventId = event("hand-over", "sleep 1; echo $CRONIUM_RUN_ID", "isolation", "PROCESS");
        try (var c = RunningCronium.get().database(); var s = c.createStatement()) {
            s.execute("create sequence handover_fault");
            s.execute("""
                    create function handover_ended() returns trigger language plpgsql as $$
                    begin
                        if new.status = 'COMPLETED' then perform set_config('cronium.test.ended', 'yes', true); end if;
                        return new;
                    end $$""");
            s.execute("""
                    create function handover_fault() returns trigger language plpgsql as $$
                    begin
                        if coalesce(current_setting('cronium.test.ended', true), '') = 'yes'
                           and nextval('handover_fault') = 1 then
                            raise exception 'test fault: the first hand-over fails';
                        end if;
                        return new;
                    end $$""");
            s.execute("create trigger handover_ended after update on jobs for each row execute function handover_ended()");
            s.execute("create trigger handover_fault before insert on executions for each row"
                    + " execute function handover_fault()");
        }
        try {
            List<JsonObject> tickets = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) { // three per worker of the test server
                tickets.add(run(eventId));
            }
            for (JsonObject ticket : tickets) {
                var log = api.awaitFinished(id(ticket, "logId"), Duration.ofSeconds(30));
                assertEquals("SUCCESS", log.getString("status"), log.toString());
                assertEquals(1, executions(log).size(), "ran once: " + log);
            }
            try (var c = RunningCronium.get().database(); var s = c.createStatement();
                 var rows = s.executeQuery("select last_value, is_called from handover_fault")) {
                rows.next();
                assertTrue(rows.getBoolean(2) && rows.getLong(1) > 1,
                        "the hand-over failed once and later ones went through: " + rows.getLong(1));
            }
            assertTrue(RunningCronium.get().output().stream().anyMatch(l -> l.contains("recording them apart")
                    || l.contains("hand-overs together failed; writing each alone")));
        } finally {
            try (var c = RunningCronium.get().database(); var s = c.createStatement()) {
                s.execute("drop trigger handover_fault on executions; drop trigger handover_ended on jobs;"
                        + " drop function handover_fault(); drop function handover_ended(); drop sequence handover_fault");
            }
        }
    }

    @Test
    void cancellingARunningJobKillsItAndAFinishedOneIsAConflict() throws Exception {
        long event = event("long", "echo begun; sleep 60; echo never", "retries", "2");
        var ticket = run(event);
        api.awaitStatus(id(ticket, "logId"), "RUNNING", Duration.ofSeconds(20));
        var cancel = api.post("/api/v1/jobs/" + id(ticket, "jobId") + "/cancel", "{}");
        assertEquals(202, cancel.status(), cancel.body());
        long t0 = System.nanoTime();
        var log = api.awaitFinished(id(ticket, "logId"), Duration.ofSeconds(15));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "stopped promptly");
        assertEquals("CANCELLED", log.getString("status"));
        assertTrue(log.getString("error").contains("cancelled by admin"), log.getString("error"));
        assertEquals(1, executions(log).size(), "a cancelled run is not retried");
        assertEquals("CANCELLED", api.get("/api/v1/jobs/" + id(ticket, "jobId")).json().getString("status"));

        var again = api.post("/api/v1/jobs/" + id(ticket, "jobId") + "/cancel", "{}");
        assertEquals(409, again.status());
        assertEquals("application/problem+json", again.contentType());
        assertEquals(404, api.post("/api/v1/jobs/987654321/cancel", "{}").status());
        var audit = api.get("/api/v1/audit?action=JOB_CANCELLED").json().getJsonArray("items");
        assertTrue(audit.toString().contains("job:" + id(ticket, "jobId")), audit.toString());
    }

    @Test
    void queuePolicyRunsOneAtATimeAndAQueuedRunCanBeCancelled() throws Exception {
        long event = event("one at a time", "sleep 1; echo done", "concurrencyPolicy", "QUEUE");
        var first = run(event);
        var second = run(event);
        var third = run(event);
        api.awaitStatus(id(first, "logId"), "RUNNING", Duration.ofSeconds(20));
        var cancel = api.post("/api/v1/jobs/" + id(third, "jobId") + "/cancel", "{}");
        assertEquals(202, cancel.status(), cancel.body());
        assertEquals("CANCELLED", cancel.json().getString("status"), "a job that has not started ends at once");
        var a = api.awaitFinished(id(first, "logId"), Duration.ofSeconds(20));
        var b = api.awaitFinished(id(second, "logId"), Duration.ofSeconds(20));
        assertEquals("SUCCESS", b.getString("status"));
        assertTrue(!Instant.parse(b.getString("startedAt")).isBefore(Instant.parse(a.getString("finishedAt"))),
                "the second started after the first ended: " + a.getString("finishedAt") + " / " + b.getString("startedAt"));
        assertEquals("CANCELLED", api.get("/api/v1/logs/" + id(third, "logId")).json().getString("status"));
    }

    @Test
    void forbidRefusesAManualRunWhileOneIsRunning() throws Exception {
        long event = event("exclusive", "sleep 2", "concurrencyPolicy", "FORBID");
        var first = run(event);
        api.awaitStatus(id(first, "logId"), "RUNNING", Duration.ofSeconds(20));
        var second = api.post("/api/v1/events/" + event + "/run", "{}");
        assertEquals(409, second.status(), second.body());
        assertTrue(second.body().contains("FORBID"), second.body());
        api.awaitFinished(id(first, "logId"), Duration.ofSeconds(20));
        assertEquals(202, api.post("/api/v1/events/" + event + "/run", "{}").status(), "allowed again once it ended");
    }

    @Test
    void aJobWhoseNodeDiedIsRerunAsItsNextAttempt() throws Exception {
        long event = event("survivor", "echo \"attempt $CRONIUM_ATTEMPT\"");
        String payload = "{\"type\":\"BASH\",\"script\":\"echo \\\"attempt $CRONIUM_ATTEMPT\\\"\",\"timeoutSeconds\":60,"
                + "\"env\":{},\"retries\":0,\"recovery\":\"RERUN\",\"isolation\":\"PROCESS\"}";
        var dead = DeadNode.leftRunning(event, payload);
        long logId = dead.logId();
        long jobId = dead.jobId();
        var log = api.awaitFinished(logId, Duration.ofSeconds(30));
        assertEquals("SUCCESS", log.getString("status"), log.toString());
        assertEquals("attempt 2\n", log.getString("output"));
        assertTrue(log.getString("error").contains("attempt 1 lost its node dead-node"), log.getString("error"));
        var attempts = executions(log);
        assertEquals(List.of("FAILURE", "SUCCESS"), attempts.stream().map(e -> e.getString("status")).toList());
        assertNotEquals("dead-node", api.get("/api/v1/jobs/" + jobId).json().getString("claimedBy"));
    }
}
