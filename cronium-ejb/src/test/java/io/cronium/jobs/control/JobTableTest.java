package io.cronium.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.events.entity.EventType;
import io.cronium.execution.ExecutionSpec;
import io.cronium.jobs.entity.ConcurrencyPolicy;
import io.cronium.jobs.entity.IllegalJobTransitionException;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.jobs.entity.RecoveryPolicy;
import io.cronium.jobs.entity.RunPolicy;
import io.cronium.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's SQL against real PostgreSQL: claims are exclusive under concurrency, and every race has one winner. */
class JobTableTest {

    @BeforeEach
    void emptyQueue() throws Exception {
        try (var c = TestDatabase.connection(); var s = c.createStatement()) {
            s.execute("delete from jobs");
        }
    }

    static String payload(RecoveryPolicy recovery) {
        return JobPayload.of(EventType.BASH, "true", 60, Map.of(), null,
                new RunPolicy(0, 10, 600, recovery, ConcurrencyPolicy.ALLOW), ExecutionSpec.DEFAULT).toJson();
    }

    /** The next due job, claimed by {@code node} as nodes claim: started unless its recovery policy is FAIL. */
    static Optional<ClaimedJob> claim(Connection c, String node) throws SQLException {
        return claimAll(c, node, 1).stream().findFirst();
    }

    static List<ClaimedJob> claimAll(Connection c, String node, int limit) throws SQLException {
        return JobTable.claimToStart(c, node, 60, limit).stream().map(JobTable.Claim::job).toList();
    }

    /** A job claimed and started by {@code node} (by the claim, or after it for a FAIL one); returns its id. */
    static long running(Connection c, String node, RecoveryPolicy recovery) throws SQLException {
        long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1, "ALLOW", payload(recovery));
        var claimed = JobTable.claimToStart(c, node, 60, 1);
        assertEquals(job, claimed.get(0).job().jobId());
        assertTrue(claimed.get(0).started() || JobTable.transition(c, job, 1, JobStatus.CLAIMED, JobStatus.RUNNING));
        return job;
    }

    static void expireLease(Connection c, long job) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("update jobs set lease_until = now() - interval '1 second' where id = " + job);
        }
    }

    static String column(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** {@code jobs} due no-op jobs of one log, their priorities mixed; returns their ids. */
    static Set<Long> queueNoOpJobs(int jobs) throws SQLException {
        Set<Long> queued = new HashSet<>();
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            for (int i = 0; i < jobs; i++) {
                queued.add(TestDatabase.enqueue(c, log, i % 4));
            }
        }
        return queued;
    }

    static void assertAllCompleted(int jobs) throws SQLException {
        try (var c = TestDatabase.connection()) {
            assertEquals(String.valueOf(jobs), column(c,
                    "select count(*) from jobs where status = 'COMPLETED' and finished_at is not null and lease_until is null"));
        }
    }

    @Test
    void tenThousandNoOpJobsRunByFourWorkersExactlyOnce() throws Exception {
        int jobs = 10_000;
        Set<Long> queued = queueNoOpJobs(jobs);
        Set<Long> completed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String node = "node-" + w;
            workers.add(pool.submit(() -> {
                try (Connection c = TestDatabase.connection()) {
                    while (true) {
                        var job = claim(c, node); // started by its claim
                        if (job.isEmpty()) {
                            return null;
                        }
                        long id = job.get().jobId();
                        boolean ran = JobTable.transition(c, id, 1, JobStatus.RUNNING, JobStatus.COMPLETED);
                        if (!ran || !completed.add(id)) {
                            synchronized (duplicates) {
                                duplicates.add(id);
                            }
                        }
                    }
                }
            }));
        }
        for (var worker : workers) {
            worker.get();
        }
        pool.shutdown();
        assertEquals(List.of(), duplicates, "no job is claimed or completed twice");
        assertEquals(queued, completed, "no job is lost");
        assertAllCompleted(jobs);
    }

    /** A worker's hand-over as the node writes it: the end of its job and the start of the next (-1: none). */
    /** A worker's hand-over: the job whose run ended, how many jobs it asks for, done when written. */
    private record Handover(long ended, int starts, java.util.concurrent.CompletableFuture<Void> written) {
    }

    /**
     * The same 10,000 jobs through the node's design: two nodes of two workers each. A node claims and starts two
     * jobs per worker to begin with, then each worker, as its run ends, takes a started job the node holds and hands
     * its end to the node's writer thread, asking for a job for itself when it held none (and then waits for the
     * write) and for one to hold ahead while fewer are held or asked for than the node has workers;
     * the writer writes the hand-overs waiting in one transaction: {@link JobTable#moveAll} of the ends, then
     * {@link JobTable#claimToStart} of the jobs asked for (the node's {@code HandoverGroup} and {@code RunStarts}).
     */
    @Test
    void tenThousandNoOpJobsStartedAheadAndHandedOverInGroupsByTwoNodesRunExactlyOnce() throws Exception {
        int jobs = 10_000;
        Set<Long> queued = queueNoOpJobs(jobs);
        Set<Long> completed = ConcurrentHashMap.newKeySet();
        List<Long> lostOrTwice = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> workers = new ArrayList<>();
        List<Future<?>> writers = new ArrayList<>();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (String node : List.of("node-a", "node-b")) {
            var held = new java.util.concurrent.LinkedBlockingQueue<Long>(); // started, not begun
            var askedFor = new java.util.concurrent.atomic.AtomicInteger(); // by the hand-overs not written yet
            var pending = new java.util.concurrent.LinkedBlockingQueue<Handover>();
            writers.add(pool.submit(() -> {
                try (Connection c = TestDatabase.connection()) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        Handover first = pending.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        List<Handover> group = new ArrayList<>(List.of(first));
                        pending.drainTo(group);
                        var moved = JobTable.moveAll(c, node, group.stream()
                                .map(h -> JobTable.Move.end(h.ended(), 1, JobStatus.COMPLETED)).toList());
                        var started = JobTable.claimToStart(c, node, 60, group.stream().mapToInt(Handover::starts).sum());
                        c.commit();
                        for (Handover h : group) {
                            if (!moved.contains(h.ended()) || !completed.add(h.ended())) {
                                lostOrTwice.add(h.ended());
                            }
                        }
                        started.forEach(claim -> held.add(claim.job().jobId()));
                        group.forEach(h -> {
                            askedFor.addAndGet(-h.starts());
                            h.written().complete(null);
                        });
                    }
                }
                return null;
            }));
            try (Connection c = TestDatabase.connection()) { // the dispatcher, for the two free workers
                JobTable.claimToStart(c, node, 60, 4).forEach(claim -> held.add(claim.job().jobId()));
            }
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    for (Long run = held.poll(); run != null; ) { // a no-op run
                        Long next = held.poll();
                        boolean room = held.size() + askedFor.get() < 2;
                        var handover = new Handover(run, (next == null ? 1 : 0) + (room ? 1 : 0),
                                new java.util.concurrent.CompletableFuture<>());
                        askedFor.addAndGet(handover.starts());
                        pending.add(handover);
                        if (next == null) {
                            handover.written().get(1, java.util.concurrent.TimeUnit.MINUTES);
                            next = held.poll();
                        }
                        run = next;
                    }
                    return null;
                }));
            }
        }
        for (var worker : workers) {
            worker.get(5, java.util.concurrent.TimeUnit.MINUTES); // a lost wake-up fails the test instead of the build
        }
        stop.set(true);
        for (var writer : writers) {
            writer.get(1, java.util.concurrent.TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertEquals(List.of(), lostOrTwice, "every end moved its job, no job completed twice");
        assertEquals(queued, completed, "no job is lost");
        assertAllCompleted(jobs);
    }

    @Test
    void groupedHandOversMoveOnlyTheAttemptsStillWhereThisNodeLeftThem() throws Exception {
        try (var c = TestDatabase.connection()) {
            long ended = running(c, "n", RecoveryPolicy.RERUN);
            long failed = running(c, "n", RecoveryPolicy.RERUN);
            long queued = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1, "ALLOW", payload(RecoveryPolicy.FAIL));
            assertEquals(queued, claim(c, "n").orElseThrow().jobId()); // claimed ahead, not started (policy FAIL)
            long otherNodes = running(c, "other", RecoveryPolicy.RERUN);
            long lost = running(c, "n", RecoveryPolicy.RERUN);
            expireLease(c, lost);
            assertTrue(JobTable.requeue(c, lost, 1, JobStatus.RUNNING, Duration.ofMinutes(1), true)); // reaped

            var moved = JobTable.moveAll(c, "n", List.of(
                    new JobTable.Move(ended, 1, JobStatus.RUNNING, JobStatus.COMPLETED),
                    new JobTable.Move(failed, 1, JobStatus.RUNNING, JobStatus.FAILED),
                    new JobTable.Move(queued, 1, JobStatus.CLAIMED, JobStatus.RUNNING),
                    new JobTable.Move(lost, 1, JobStatus.RUNNING, JobStatus.COMPLETED),
                    new JobTable.Move(otherNodes, 1, JobStatus.RUNNING, JobStatus.COMPLETED)));

            assertEquals(Set.of(ended, failed, queued), moved);
            assertEquals("COMPLETED true", column(c, "select status || ' ' || (finished_at is not null and lease_until"
                    + " is null) from jobs where id = " + ended));
            assertEquals("FAILED", column(c, "select status from jobs where id = " + failed));
            assertEquals("RUNNING true", column(c, "select status || ' ' || (started_at is not null and lease_until"
                    + " is not null) from jobs where id = " + queued));
            assertEquals("QUEUED 2", column(c, "select status || ' ' || attempt from jobs where id = " + lost));
            assertEquals("RUNNING", column(c, "select status from jobs where id = " + otherNodes));
            assertEquals(Set.of(), JobTable.moveAll(c, "n", List.of(
                    new JobTable.Move(ended, 1, JobStatus.RUNNING, JobStatus.COMPLETED))), "an end is moved once");
        }
    }

    @Test
    void aGroupedMoveIsAStartOrAnEndOfARunOnly() {
        assertThrows(IllegalJobTransitionException.class, () -> new JobTable.Move(1, 1, JobStatus.QUEUED, JobStatus.COMPLETED));
        assertThrows(IllegalArgumentException.class, () -> new JobTable.Move(1, 1, JobStatus.QUEUED, JobStatus.RUNNING),
                "a claim that starts is the claim's own statement");
        assertThrows(IllegalArgumentException.class, () -> new JobTable.Move(1, 1, JobStatus.RUNNING, JobStatus.QUEUED));
        assertThrows(IllegalArgumentException.class, () -> new JobTable.Move(1, 1, JobStatus.CLAIMED, JobStatus.FAILED));
    }

    @Test
    void higherPriorityIsClaimedFirstThenOlderFirst() throws Exception {
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            long lowOld = TestDatabase.enqueue(c, log, 0);
            long normal = TestDatabase.enqueue(c, log, 1);
            long critical = TestDatabase.enqueue(c, log, 3);
            long lowNew = TestDatabase.enqueue(c, log, 0);
            List<Long> order = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                order.add(claim(c, "n").orElseThrow().jobId());
            }
            assertEquals(List.of(critical, normal, lowOld, lowNew), order);
            assertTrue(claim(c, "n").isEmpty());
        }
    }

    @Test
    void aClaimStartsTheJobsThatMayBeRerunAndOnlyClaimsThoseThatMustNot() throws Exception {
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            long rerun = TestDatabase.enqueue(c, log, 2);
            long fail = TestDatabase.enqueue(c, log, 1);
            try (var s = c.prepareStatement("update jobs set recovery = 'FAIL' where id = ?")) {
                s.setLong(1, fail);
                s.executeUpdate();
            }
            var claimed = JobTable.claimToStart(c, "n", 60, 10);
            assertEquals(List.of(rerun, fail), claimed.stream().map(claim -> claim.job().jobId()).toList());
            assertEquals(List.of(true, false), claimed.stream().map(JobTable.Claim::started).toList());
            assertEquals("RUNNING n started", state(c, rerun));
            assertEquals("CLAIMED n -", state(c, fail));
            assertTrue(JobTable.giveBackUnbegun(c, "n", rerun, 1), "its node knows it did not begin");
            assertFalse(JobTable.giveBackUnbegun(c, "other", fail, 1));
            assertEquals("QUEUED - -", state(c, rerun));
            assertEquals(rerun, JobTable.claimToStart(c, "m", 60, 1).get(0).job().jobId(), "free for any node, as"
                    + " attempt 1 still");
        }
    }

    private static String state(java.sql.Connection c, long jobId) throws Exception {
        try (var s = c.prepareStatement("select status, coalesce(claimed_by, '-'), case when started_at is null"
                + " then '-' else 'started' end, attempt from jobs where id = ?")) {
            s.setLong(1, jobId);
            try (var rows = s.executeQuery()) {
                rows.next();
                assertEquals(1, rows.getInt(4));
                return rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3);
            }
        }
    }

    @Test
    void completedTwiceHasOneWinner() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "n", RecoveryPolicy.RERUN);
            assertTrue(JobTable.transition(c, job, 1, JobStatus.RUNNING, JobStatus.COMPLETED));
            assertFalse(JobTable.transition(c, job, 1, JobStatus.RUNNING, JobStatus.COMPLETED));
            assertThrows(IllegalJobTransitionException.class,
                    () -> JobTable.transition(c, job, 1, JobStatus.COMPLETED, JobStatus.COMPLETED));
        }
    }

    @Test
    void cancelledWhileClaimedDoesNotStart() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1, "ALLOW", payload(RecoveryPolicy.FAIL));
            claim(c, "n");
            assertTrue(JobTable.transition(c, job, 1, JobStatus.CLAIMED, JobStatus.CANCELLED));
            assertFalse(JobTable.transition(c, job, 1, JobStatus.CLAIMED, JobStatus.RUNNING), "the runner loses the race");
            assertEquals("CANCELLED true", column(c, "select status || ' ' || (finished_at is not null) from jobs where id = " + job));
        }
    }

    @Test
    void leaseExpiredWhileTheOwnerIsStillRunning() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "slow-node", RecoveryPolicy.RERUN);
            expireLease(c, job);
            var reaped = new LeaseReaper(3).reap(c, 10);
            assertEquals(List.of(new LeaseReaper.Reaped(job, 1, "slow-node", LeaseReaper.Outcome.RERUN)), reaped);
            assertEquals("QUEUED 2 1", column(c, "select status || ' ' || attempt || ' ' || recoveries from jobs where id = " + job));
            // the old owner wakes up: its lease is gone and nothing it records counts
            assertEquals(Map.of(), JobTable.renew(c, "slow-node", Map.of(job, 1), 60));
            assertFalse(JobTable.transition(c, job, 1, JobStatus.RUNNING, JobStatus.COMPLETED));
            // even once the same node claims the next attempt: the attempt number fences the old one out
            assertEquals(2, claim(c, "slow-node").orElseThrow().attempt());
            assertFalse(JobTable.transition(c, job, 1, JobStatus.RUNNING, JobStatus.FAILED));
            assertEquals(Map.of(job, false), JobTable.renew(c, "slow-node", Map.of(job, 2), 60));
            assertTrue(column(c, "select error from logs where id = (select log_id from jobs where id = " + job + ")")
                    .contains("attempt 1 lost its node slow-node"));
        }
    }

    @Test
    void aClaimKeptAheadIsGivenBackAsItWasAndOnlyItsHolderStartsIt() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1, "ALLOW", payload(RecoveryPolicy.FAIL));
            claim(c, "node-a");
            assertTrue(JobTable.holdClaim(c, job, 1, "node-a"));
            assertFalse(JobTable.holdClaim(c, job, 1, "node-b"));
            assertTrue(JobTable.release(c, job, 1));
            assertEquals("QUEUED 1 0 true", column(c, "select status || ' ' || attempt || ' ' || recoveries || ' '"
                    + " || (claimed_by is null and lease_until is null) from jobs where id = " + job));
            assertFalse(JobTable.holdClaim(c, job, 1, "node-a"), "given back: node-a's waiting copy must not start it");
            assertEquals(job, claim(c, "node-b").orElseThrow().jobId());
            assertFalse(JobTable.holdClaim(c, job, 1, "node-a"), "taken by node-b with the same attempt");
            assertTrue(JobTable.holdClaim(c, job, 1, "node-b"));
            assertTrue(JobTable.transition(c, job, 1, JobStatus.CLAIMED, JobStatus.RUNNING));
            assertFalse(JobTable.release(c, job, 1), "a started job is never given back");
        }
    }

    @Test
    void aClaimWhoseNodeDiedBeforeStartingItGoesBackToTheQueueWhateverItsPolicy() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1, "ALLOW", payload(RecoveryPolicy.FAIL));
            claim(c, "dead-node");
            expireLease(c, job);
            assertEquals(List.of(new LeaseReaper.Reaped(job, 1, "dead-node", LeaseReaper.Outcome.RELEASED)),
                    new LeaseReaper(3).reap(c, 10));
            assertEquals("QUEUED 1 0", column(c, "select status || ' ' || attempt || ' ' || recoveries from jobs where id = " + job));
            assertEquals("0", column(c, "select count(*) from remote_leftovers r join executions x on x.id = r.execution_id"
                    + " where x.job_id = " + job), "nothing ran anywhere");
            assertEquals(job, claim(c, "live-node").orElseThrow().jobId());
        }
    }

    @Test
    void aLiveLeaseIsNotReaped() throws Exception {
        try (var c = TestDatabase.connection()) {
            running(c, "n", RecoveryPolicy.RERUN);
            assertEquals(List.of(), new LeaseReaper(3).reap(c, 10));
        }
    }

    @Test
    void recoveryPolicyFailEndsTheJobWithTheReason() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "dead-node", RecoveryPolicy.FAIL);
            expireLease(c, job);
            assertEquals(LeaseReaper.Outcome.FAILED, new LeaseReaper(3).reap(c, 10).get(0).outcome());
            assertEquals("FAILED", column(c, "select status from jobs where id = " + job));
            String log = column(c, "select status || ': ' || error from logs where id = (select log_id from jobs where id = " + job + ")");
            assertTrue(log.startsWith("FAILURE: [cronium] attempt 1 lost its node dead-node"), log);
            assertTrue(log.contains("recovery policy FAIL"), log);
        }
    }

    @Test
    void aJobThatKeepsLosingItsNodeIsNotRerunForever() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "n", RecoveryPolicy.RERUN);
            var reaper = new LeaseReaper(2);
            for (int attempt = 1; attempt <= 2; attempt++) {
                expireLease(c, job);
                assertEquals(LeaseReaper.Outcome.RERUN, reaper.reap(c, 10).get(0).outcome());
                assertEquals(attempt + 1, claim(c, "n").orElseThrow().attempt());
            }
            expireLease(c, job);
            assertEquals(LeaseReaper.Outcome.FAILED, reaper.reap(c, 10).get(0).outcome());
            assertEquals("FAILED 3", column(c, "select status || ' ' || attempt from jobs where id = " + job));
        }
    }

    @Test
    void aCancelledJobWhoseNodeDiedEndsCancelled() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "n", RecoveryPolicy.RERUN);
            assertTrue(JobTable.requestCancel(c, job, 1));
            assertEquals(Map.of(job, true), JobTable.renew(c, "n", Map.of(job, 1), 60), "the owner sees the cancel");
            expireLease(c, job);
            assertEquals(LeaseReaper.Outcome.CANCELLED, new LeaseReaper(3).reap(c, 10).get(0).outcome());
            assertEquals("CANCELLED", column(c, "select status from jobs where id = " + job));
        }
    }

    @Test
    void retryScheduledWhileCancelledIsRefused() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "n", RecoveryPolicy.RERUN);
            JobTable.requestCancel(c, job, 1);
            assertFalse(JobTable.requeue(c, job, 1, JobStatus.RUNNING, Duration.ofSeconds(1), false));
            assertTrue(JobTable.transition(c, job, 1, JobStatus.RUNNING, JobStatus.CANCELLED));
        }
    }

    @Test
    void aRetryWaitsForItsBackoffAndRunsAsTheNextAttempt() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = running(c, "n", RecoveryPolicy.RERUN);
            assertTrue(JobTable.requeue(c, job, 1, JobStatus.RUNNING, Duration.ofMillis(300), false));
            assertTrue(claim(c, "n").isEmpty(), "not before its backoff");
            Thread.sleep(400);
            var claimed = claim(c, "n").orElseThrow();
            assertEquals(2, claimed.attempt());
            assertEquals("0", column(c, "select recoveries from jobs where id = " + job), "a retry is not a recovery");
        }
    }

    @Test
    void queuePolicyRunsOneAtATime() throws Exception {
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            long first = TestDatabase.enqueue(c, log, 1, "QUEUE", payload(RecoveryPolicy.RERUN));
            long second = TestDatabase.enqueue(c, log, 1, "QUEUE", payload(RecoveryPolicy.RERUN));
            long other = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1, "QUEUE", payload(RecoveryPolicy.RERUN));
            assertEquals(first, claim(c, "n").orElseThrow().jobId());
            assertEquals(other, claim(c, "n").orElseThrow().jobId(), "another event is not held up");
            assertTrue(claim(c, "n").isEmpty(), "the second run waits for the first");
            assertTrue(JobTable.transition(c, first, 1, JobStatus.RUNNING, JobStatus.COMPLETED));
            assertEquals(second, claim(c, "n").orElseThrow().jobId());
        }
    }

    @Test
    void twoNodesClaimingTwoRunsOfAnExclusiveEventAtOnceCannotBothWin() throws Exception {
        long log;
        long second;
        try (var c = TestDatabase.connection()) {
            log = TestDatabase.newLog(c);
            TestDatabase.enqueue(c, log, 1, "QUEUE", payload(RecoveryPolicy.RERUN));
            second = TestDatabase.enqueue(c, log, 1, "QUEUE", payload(RecoveryPolicy.RERUN));
        }
        try (var a = TestDatabase.connection(); var b = TestDatabase.connection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertEquals(1, claimAll(a, "a", 10).size(), "one run of the event per batch");
            // a's batch holds the event's other due job locked until it commits, so b cannot take it meanwhile ...
            assertEquals(List.of(), claimAll(b, "b", 10));
            a.commit();
            // ... nor afterwards, while a's run is active
            assertEquals(List.of(), claimAll(b, "b", 10));
            b.commit();
            // and should a second run slip through anyway, the unique index refuses it
            try (var s = b.createStatement()) {
                var error = assertThrows(SQLException.class,
                        () -> s.executeUpdate("update jobs set status = 'CLAIMED' where id = " + second));
                assertEquals("23505", error.getSQLState());
            }
            b.rollback();
        }
        try (var c = TestDatabase.connection()) {
            assertEquals("1 " + second, column(c, "select count(*) || ' ' || max(id) from jobs where status = 'QUEUED'"));
        }
    }

    @Test
    void aBatchClaimTakesTheMostUrgentFirst() throws Exception {
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            long low = TestDatabase.enqueue(c, log, 0);
            long high = TestDatabase.enqueue(c, log, 2);
            long normal = TestDatabase.enqueue(c, log, 1);
            assertEquals(List.of(high, normal), claimAll(c, "n", 2).stream().map(ClaimedJob::jobId).toList());
            assertEquals(List.of(low), claimAll(c, "n", 5).stream().map(ClaimedJob::jobId).toList());
        }
    }

    @Test
    void forbidSkipsADueRunWhileAnotherRunsAndSaysWhy() throws Exception {
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            long first = TestDatabase.enqueue(c, log, 1, "FORBID", payload(RecoveryPolicy.RERUN));
            claim(c, "n");
            long secondLog = TestDatabase.newLog(c);
            long second;
            try (var s = c.prepareStatement("insert into jobs (event_id, log_id, status, priority, payload, concurrency)"
                    + " select (select event_id from logs where id = ?), ?, 'QUEUED', 1, '{}', 'FORBID' returning id")) {
                s.setLong(1, log);
                s.setLong(2, secondLog);
                var rows = s.executeQuery();
                rows.next();
                second = rows.getLong(1);
            }
            assertTrue(claim(c, "n").isEmpty(), "never claimed while the first runs");
            assertEquals(List.of(new JobTable.SkippedRun(second, secondLog, first)), JobTable.skipForbidden(c));
            assertEquals("CANCELLED", column(c, "select status from jobs where id = " + second));
            assertEquals(List.of(), JobTable.skipForbidden(c));
        }
    }

    @Test
    void aJobDueLaterIsNotClaimedYet() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1);
            try (var s = c.createStatement()) {
                s.execute("update jobs set run_at = now() + interval '1 hour' where id = " + job);
            }
            assertTrue(claim(c, "n").isEmpty());
        }
    }
}
