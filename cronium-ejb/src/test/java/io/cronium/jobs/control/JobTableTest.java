package io.cronium.jobs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.jobs.entity.IllegalJobTransitionException;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's SQL against real PostgreSQL: claims are exclusive under concurrency, and races have one winner. */
class JobTableTest {

    @BeforeEach
    void emptyQueue() throws Exception {
        try (var c = TestDatabase.connection(); var s = c.createStatement()) {
            s.execute("delete from jobs");
        }
    }

    @Test
    void fourWorkersClaimEveryJobExactlyOnce() throws Exception {
        int jobs = 2000;
        Set<Long> queued = new HashSet<>();
        try (var c = TestDatabase.connection()) {
            long log = TestDatabase.newLog(c);
            for (int i = 0; i < jobs; i++) {
                queued.add(TestDatabase.enqueue(c, log, i % 4));
            }
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String node = "node-" + w;
            workers.add(pool.submit(() -> {
                try (Connection c = TestDatabase.connection()) {
                    while (true) {
                        var job = JobTable.claim(c, node, 60);
                        if (job.isEmpty()) {
                            return null;
                        }
                        if (!claimed.add(job.get().jobId())) {
                            synchronized (duplicates) {
                                duplicates.add(job.get().jobId());
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
        assertEquals(List.of(), duplicates, "no job is claimed twice");
        assertEquals(queued, claimed, "no job is lost");
        try (var c = TestDatabase.connection(); var s = c.createStatement();
             var rows = s.executeQuery("select count(*) from jobs where status = 'CLAIMED' and lease_until > now()")) {
            rows.next();
            assertEquals(jobs, rows.getInt(1), "every job is claimed, with a lease");
        }
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
                order.add(JobTable.claim(c, "n", 60).orElseThrow().jobId());
            }
            assertEquals(List.of(critical, normal, lowOld, lowNew), order);
            assertTrue(JobTable.claim(c, "n", 60).isEmpty());
        }
    }

    @Test
    void completingTwiceHasOneWinner() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1);
            JobTable.claim(c, "n", 60);
            assertTrue(JobTable.transition(c, job, JobStatus.CLAIMED, JobStatus.RUNNING));
            assertTrue(JobTable.transition(c, job, JobStatus.RUNNING, JobStatus.COMPLETED));
            assertFalse(JobTable.transition(c, job, JobStatus.RUNNING, JobStatus.COMPLETED));
            assertThrows(IllegalJobTransitionException.class,
                    () -> JobTable.transition(c, job, JobStatus.COMPLETED, JobStatus.COMPLETED));
        }
    }

    @Test
    void aJobCancelledWhileClaimedDoesNotStart() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1);
            JobTable.claim(c, "n", 60);
            assertTrue(JobTable.transition(c, job, JobStatus.CLAIMED, JobStatus.CANCELLED));
            assertFalse(JobTable.transition(c, job, JobStatus.CLAIMED, JobStatus.RUNNING), "the runner loses the race");
            try (var s = c.createStatement(); var rows = s.executeQuery("select status, finished_at is not null from jobs where id = " + job)) {
                rows.next();
                assertEquals("CANCELLED", rows.getString(1));
                assertTrue(rows.getBoolean(2));
            }
        }
    }

    @Test
    void aJobDueLaterIsNotClaimedYet() throws Exception {
        try (var c = TestDatabase.connection()) {
            long job = TestDatabase.enqueue(c, TestDatabase.newLog(c), 1);
            try (var s = c.createStatement()) {
                s.execute("update jobs set run_at = now() + interval '1 hour' where id = " + job);
            }
            assertTrue(JobTable.claim(c, "n", 60).isEmpty());
        }
    }
}
