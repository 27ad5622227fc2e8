package io.cronium.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduler's transactions against real PostgreSQL, driven by a fake clock. */
class SchedulerTest {

    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    final Scheduler scheduler = new Scheduler(Duration.ofSeconds(60), 100, Duration.ZERO);

    @BeforeEach
    void clean() throws Exception {
        try (var c = TestDatabase.connection(); var s = c.createStatement()) {
            s.execute("delete from schedule_slots");
            s.execute("update events set status = 'PAUSED'");
        }
    }

    static long event(Connection c, String cron, Long interval, String policy, Instant nextFireAt) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into events (owner_id, name, type, content, status, cron_expression, interval_seconds, timezone,
                                    misfire_policy, next_fire_at)
                select id, 'scheduled', 'BASH', 'true', 'ACTIVE', ?, ?, 'UTC', ?, ? from users limit 1 returning id""")) {
            s.setString(1, cron);
            if (interval == null) {
                s.setNull(2, java.sql.Types.BIGINT);
            } else {
                s.setLong(2, interval);
            }
            s.setString(3, policy);
            s.setTimestamp(4, Timestamp.from(nextFireAt));
            try (var rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    List<Long> pass(Instant now) throws SQLException {
        try (var c = TestDatabase.connection()) {
            c.setAutoCommit(false);
            var jobs = scheduler.fireDue(c, now, 500).jobs();
            c.commit();
            return jobs;
        }
    }

    @Test
    void aDueSlotBecomesOneJobAndTheNextFireTimeAdvances() throws Exception {
        long id;
        try (var c = TestDatabase.connection()) {
            TestDatabase.newLog(c); // makes sure a user exists
            id = event(c, "* * * * *", null, "RUN_ONCE", T0);
        }
        assertEquals(1, pass(T0.plusMillis(300)).size());
        assertEquals(0, pass(T0.plusMillis(900)).size(), "the same slot never fires twice");
        try (var c = TestDatabase.connection()) {
            assertEquals(1, count(c, "select count(*) from jobs j join logs l on l.id = j.log_id where l.event_id = " + id
                    + " and l.trigger_type = 'SCHEDULE' and l.scheduled_for = '" + T0 + "'::timestamptz"));
            assertEquals(T0.plusSeconds(60).getEpochSecond(), count(c, "select extract(epoch from next_fire_at) from events where id = " + id));
            assertEquals(1, count(c, "select execution_count from events where id = " + id));
        }
    }

    @Test
    void afterDowntimeTheMisfirePolicyDecidesAndSkippedSlotsAreVisible() throws Exception {
        long skip;
        long once;
        long all;
        try (var c = TestDatabase.connection()) {
            TestDatabase.newLog(c);
            skip = event(c, "* * * * *", null, "SKIP", T0);
            once = event(c, "* * * * *", null, "RUN_ONCE", T0);
            all = event(c, "* * * * *", null, "RUN_ALL", T0);
        }
        pass(T0.plus(Duration.ofMinutes(9)).plusSeconds(10)); // slots 12:00..12:09, the last one on time
        try (var c = TestDatabase.connection()) {
            assertEquals(1, count(c, "select count(*) from jobs where event_id = " + skip));
            assertEquals(9, count(c, "select count(*) from logs where status = 'MISSED' and event_id = " + skip));
            assertEquals(2, count(c, "select count(*) from jobs where event_id = " + once));
            assertEquals(8, count(c, "select count(*) from logs where status = 'MISSED' and event_id = " + once));
            assertEquals(10, count(c, "select count(*) from jobs where event_id = " + all));
            assertEquals(30, count(c, "select count(*) from schedule_slots where event_id in (" + skip + "," + once + "," + all + ")"));
        }
    }

    @Test
    void maxExecutionsStopsTheSchedule() throws Exception {
        long id;
        try (var c = TestDatabase.connection()) {
            TestDatabase.newLog(c);
            id = event(c, null, 10L, "RUN_ALL", T0);
            c.createStatement().execute("update events set max_executions = 2 where id = " + id);
        }
        pass(T0.plusSeconds(1));
        pass(T0.plusSeconds(11));
        pass(T0.plusSeconds(21));
        try (var c = TestDatabase.connection()) {
            assertEquals(2, count(c, "select count(*) from jobs where event_id = " + id));
            assertEquals(1, count(c, "select count(*) from events where next_fire_at is null and id = " + id));
        }
    }

    /** Two schedulers (as on two nodes) race over many ticks: every slot exists once and produced one job. */
    @Test
    void twoSchedulersNeverFireASlotTwiceOrLoseOne() throws Exception {
        List<Long> events = new ArrayList<>();
        try (var c = TestDatabase.connection()) {
            TestDatabase.newLog(c);
            for (int i = 0; i < 50; i++) {
                events.add(event(c, null, 1L, "RUN_ALL", T0));
            }
        }
        int ticks = 60;
        var pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> nodes = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            nodes.add(pool.submit((Callable<Integer>) () -> {
                int jobs = 0;
                for (int tick = 0; tick <= ticks; tick++) {
                    jobs += pass(T0.plusSeconds(tick).plusMillis(200)).size();
                }
                return jobs;
            }));
        }
        int total = 0;
        for (var node : nodes) {
            total += node.get();
        }
        pool.shutdown();
        String ids = events.toString().replace("[", "(").replace("]", ")");
        try (var c = TestDatabase.connection()) {
            long slots = count(c, "select count(*) from schedule_slots where event_id in " + ids);
            assertEquals(50L * (ticks + 1), slots, "a slot per event and second, none lost");
            assertEquals(slots, count(c, "select count(distinct (event_id, scheduled_for)) from schedule_slots where event_id in " + ids));
            assertEquals(slots, count(c, "select count(*) from jobs where event_id in " + ids), "one job per slot");
            assertEquals(slots, total);
            assertTrue(count(c, "select count(*) from schedule_slots where outcome = 'MISSED' and event_id in " + ids) == 0);
        }
    }

    @Test
    void slotsWithinTheLookaheadAreQueuedAheadAndWaitForTheirInstant() throws Exception {
        long id;
        try (var c = TestDatabase.connection()) {
            TestDatabase.newLog(c);
            id = event(c, null, 1L, "RUN_ONCE", T0.plusSeconds(1));
        }
        var ahead = new Scheduler(Duration.ofSeconds(60), 100, Duration.ofMillis(2500));
        try (var c = TestDatabase.connection()) {
            c.setAutoCommit(false);
            var pass = ahead.fireDue(c, T0, 500);
            c.commit();
            assertEquals(2, pass.jobs().size(), "the slots at +1 s and +2 s are queued now");
            assertEquals(java.util.Optional.of(T0.plusSeconds(1)), pass.earliestAhead());
            assertEquals(2, count(c, "select count(*) from jobs where event_id = " + id + " and run_at > '" + T0 + "'::timestamptz"));
            assertEquals(T0.plusSeconds(3).getEpochSecond(), count(c, "select extract(epoch from next_fire_at) from events where id = " + id));
            assertEquals(0, count(c, "select count(*) from logs where status = 'MISSED' and event_id = " + id));
        }
    }

    @Test
    void aBurstIsEnqueuedEarlierTheLargerItIs() throws Exception {
        try (var c = TestDatabase.connection(); var s = c.createStatement()) {
            TestDatabase.newLog(c);
            s.execute("insert into events (owner_id, name, type, content, status, interval_seconds, timezone, next_fire_at)"
                    + " select (select id from users limit 1), 'burst ' || n, 'BASH', 'true', 'ACTIVE', 60, 'UTC',"
                    + " '" + T0.plusSeconds(4) + "'::timestamptz from generate_series(1, 100) n");
        }
        var ahead = new Scheduler(Duration.ofSeconds(60), 100, Duration.ofMillis(2500));
        try (var c = TestDatabase.connection()) {
            c.setAutoCommit(false);
            assertEquals(0, ahead.fireDue(c, T0, 500).jobs().size(), "100 events 4 s ahead: not yet (2.5 s lookahead)");
            c.commit();
            try (var s = c.createStatement()) {
                s.execute("insert into events (owner_id, name, type, content, status, interval_seconds, timezone, next_fire_at)"
                        + " select (select id from users limit 1), 'burst ' || n, 'BASH', 'true', 'ACTIVE', 60, 'UTC',"
                        + " '" + T0.plusSeconds(4) + "'::timestamptz from generate_series(101, 2500) n");
            }
            c.commit();
            assertEquals(Duration.ofSeconds(5), ahead.lookahead(c, T0), "2,500 events at about 2 ms each");
            // passes one after another, each taking about half a second of the fake clock
            int enqueued = 0;
            Instant now = T0;
            while (enqueued < 2500 && now.isBefore(T0.plusSeconds(4))) {
                enqueued += ahead.fireDue(c, now, 500).jobs().size();
                c.commit();
                now = now.plusMillis(500);
            }
            assertEquals(2500, enqueued, "the whole burst is queued before its instant");
            assertEquals(2500, count(c, "select count(*) from jobs where run_at = '" + T0.plusSeconds(4) + "'::timestamptz"));
        }
    }
}
