package io.cronium.scheduling.control;

import io.cronium.events.entity.EventType;
import io.cronium.events.entity.HttpCall;
import io.cronium.events.entity.Isolation;
import io.cronium.events.entity.NetworkAccess;
import io.cronium.events.entity.ResourceLimits;
import io.cronium.execution.ExecutionSpec;
import io.cronium.events.entity.ActionTrigger;
import io.cronium.jobs.control.FollowUp;
import io.cronium.jobs.control.JobPayload;
import io.cronium.jobs.entity.ConcurrencyPolicy;
import io.cronium.jobs.entity.JobPriority;
import io.cronium.jobs.entity.RecoveryPolicy;
import io.cronium.jobs.entity.RunPolicy;
import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.Schedule;
import io.cronium.scheduling.entity.SlotOutcome;
import io.cronium.servers.control.ServerTargets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns due schedule slots into queued jobs (or MISSED logs), in the caller's transaction. Due events are locked
 * with FOR UPDATE SKIP LOCKED, so schedulers on several nodes share the work without waiting on each other; each
 * slot is a row unique per (event, instant) written in the same transaction as its job and the event's next fire
 * time, so a slot can produce at most one job, and no slot is lost if the transaction fails.
 */
public final class Scheduler {

    /** Slots enumerated per event and pass; a longer outage is collapsed rather than replayed slot by slot. */
    static final int MAX_SLOTS_PER_PASS = 1000;

    private final Duration misfireThreshold;
    private final int runAllLimit;
    private final Duration lookahead;

    /**
     * @param lookahead how far ahead slots are enqueued: their jobs wait with run_at = the slot, so a burst of slots
     *                  is queued before its instant and claimed at it (zero: only slots already due)
     */
    public Scheduler(Duration misfireThreshold, int runAllLimit, Duration lookahead) {
        this.misfireThreshold = misfireThreshold;
        this.runAllLimit = runAllLimit;
        this.lookahead = lookahead;
    }

    private record DueEvent(long id, long ownerId, EventType type, String content, int timeoutSeconds,
                            JobPriority priority, Schedule schedule, Instant nextFireAt, Integer maxExecutions,
                            int executionCount, RunPolicy policy, ExecutionSpec spec) {
    }

    /** What one pass did: how many due events it handled, the jobs it enqueued, and the earliest slot ahead of now. */
    public record Pass(int events, List<Long> jobs, Optional<Instant> earliestAhead) {
    }

    /** The longest a burst is enqueued ahead of its instant. */
    static final Duration MAX_LOOKAHEAD = Duration.ofSeconds(30);
    /** What enqueueing one due event costs, with margin (about 1 ms measured on two cores; see BENCHMARKS.md). */
    static final Duration ENQUEUE_ESTIMATE = Duration.ofMillis(2);

    /** Handles up to {@code batch} due events, with a fixed number of statements whatever the batch size. */
    public Pass fireDue(Connection c, Instant now, int batch) throws SQLException {
        Instant horizon = now.plus(lookahead(c, now));
        List<DueEvent> due = lockDue(c, horizon, batch);
        if (due.isEmpty()) {
            return new Pass(0, List.of(), Optional.empty());
        }
        Map<Long, List<SlotPlan>> plans = new LinkedHashMap<>();
        int runs = 0;
        for (DueEvent event : due) {
            List<SlotPlan> eventPlans = plan(event, now, horizon);
            plans.put(event.id(), eventPlans);
            runs += (int) eventPlans.stream().filter(p -> p.outcome() == SlotOutcome.ENQUEUED).count();
        }
        int slots = plans.values().stream().mapToInt(List::size).sum();
        var logIds = ids(c, "logs", slots);
        var jobIds = ids(c, "jobs", runs);
        Map<Long, String> payloads = payloads(c, due);
        List<Long> jobs = new ArrayList<>();
        Instant earliestAhead = null;
        try (var slot = c.prepareStatement("insert into schedule_slots (event_id, scheduled_for, outcome, job_id) values (?, ?, ?, ?)");
             var log = c.prepareStatement("insert into logs (id, event_id, owner_id, status, trigger_type, scheduled_for, finished_at, error, job_id)"
                     + " values (?, ?, ?, ?, 'SCHEDULE', ?, ?, ?, ?)");
             var job = c.prepareStatement("insert into jobs (id, event_id, log_id, status, priority, payload, run_at, concurrency,"
                     + " recovery) values (?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?)");
             var next = c.prepareStatement("update events set next_fire_at = ?, execution_count = ? where id = ?")) {
            int l = 0;
            int j = 0;
            for (DueEvent event : due) {
                for (SlotPlan plan : plans.get(event.id())) {
                    long logId = logIds.get(l++);
                    Long jobId = plan.outcome() == SlotOutcome.ENQUEUED ? jobIds.get(j++) : null;
                    addSlot(slot, event, plan, jobId);
                    addLog(log, event, plan, logId, jobId, now);
                    if (jobId != null) {
                        job.setLong(1, jobId);
                        job.setLong(2, event.id());
                        job.setLong(3, logId);
                        job.setInt(4, event.priority().rank());
                        job.setString(5, payloads.get(event.id()));
                        job.setTimestamp(6, Timestamp.from(plan.slot().isAfter(now) ? plan.slot() : now));
                        job.setString(7, event.policy().concurrency().name());
                        job.setString(8, event.policy().recovery().name());
                        job.addBatch();
                        jobs.add(jobId);
                        if (plan.slot().isAfter(now) && (earliestAhead == null || plan.slot().isBefore(earliestAhead))) {
                            earliestAhead = plan.slot();
                        }
                    }
                }
                addNextFireTime(next, event, plans.get(event.id()), horizon);
            }
            // Logs first (jobs and slots point at them); a slot that exists already makes the whole pass fail and
            // roll back: the unique (event, instant) constraint is the last guard against a duplicate run.
            log.executeBatch();
            job.executeBatch();
            slot.executeBatch();
            next.executeBatch();
        }
        return new Pass(due.size(), jobs, Optional.ofNullable(earliestAhead));
    }

    /** The event's due slots and what the misfire policy and maxExecutions make of each. */
    private List<SlotPlan> plan(DueEvent event, Instant now, Instant horizon) {
        List<Instant> slots = new ArrayList<>();
        slots.add(event.nextFireAt());
        slots.addAll(FireTimes.between(event.schedule(), event.nextFireAt(), horizon, MAX_SLOTS_PER_PASS - 1));
        List<SlotPlan> plans = new ArrayList<>();
        int count = event.executionCount();
        for (SlotPlan plan : MisfirePlanner.plan(slots, now, event.schedule().misfirePolicy(), misfireThreshold, runAllLimit)) {
            boolean exhausted = event.maxExecutions() != null && count >= event.maxExecutions();
            SlotOutcome outcome = exhausted ? SlotOutcome.MISSED : plan.outcome();
            if (outcome == SlotOutcome.ENQUEUED) {
                count++;
            }
            plans.add(new SlotPlan(plan.slot(), outcome));
        }
        return plans;
    }

    private static void addSlot(java.sql.PreparedStatement slot, DueEvent event, SlotPlan plan, Long jobId) throws SQLException {
        slot.setLong(1, event.id());
        slot.setTimestamp(2, Timestamp.from(plan.slot()));
        slot.setString(3, plan.outcome().name());
        if (jobId == null) {
            slot.setNull(4, java.sql.Types.BIGINT);
        } else {
            slot.setLong(4, jobId);
        }
        slot.addBatch();
    }

    private void addLog(java.sql.PreparedStatement log, DueEvent event, SlotPlan plan, long logId, Long jobId, Instant now)
            throws SQLException {
        boolean missed = plan.outcome() == SlotOutcome.MISSED;
        log.setLong(1, logId);
        log.setLong(2, event.id());
        log.setLong(3, event.ownerId());
        log.setString(4, missed ? "MISSED" : "PENDING");
        log.setTimestamp(5, Timestamp.from(plan.slot()));
        log.setTimestamp(6, missed ? Timestamp.from(now) : null);
        log.setString(7, missed ? "[cronium] not run: the slot was missed (misfire policy "
                + event.schedule().misfirePolicy() + ", or the maximum number of executions was reached)" : null);
        if (jobId == null) {
            log.setNull(8, java.sql.Types.BIGINT);
        } else {
            log.setLong(8, jobId);
        }
        log.addBatch();
    }

    /** The first fire time after the slots just handled, and after the horizon they were enumerated up to. */
    private static void addNextFireTime(java.sql.PreparedStatement next, DueEvent event, List<SlotPlan> plans, Instant now)
            throws SQLException {
        int count = event.executionCount() + (int) plans.stream().filter(p -> p.outcome() == SlotOutcome.ENQUEUED).count();
        Instant last = plans.stream().map(SlotPlan::slot).max(Instant::compareTo).orElse(event.nextFireAt());
        Optional<Instant> following = FireTimes.following(event.schedule(), last, now);
        boolean exhausted = event.maxExecutions() != null && count >= event.maxExecutions();
        next.setTimestamp(1, exhausted || following.isEmpty() ? null : Timestamp.from(following.get()));
        next.setInt(2, count);
        next.setLong(3, event.id());
        next.addBatch();
    }

    /** Reserves ids from a table's identity sequence in one round trip, so rows can be batch-inserted with them. */
    private static List<Long> ids(Connection c, String table, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        if (count == 0) {
            return ids;
        }
        try (var select = c.prepareStatement("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)")) {
            select.setString(1, table);
            select.setInt(2, count);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The same snapshot a manual run takes (secret values are read by the runner, not stored in the job). */
    private static Map<Long, String> payloads(Connection c, List<DueEvent> due) throws SQLException {
        Map<Long, Map<String, String>> env = new LinkedHashMap<>();
        try (var select = c.prepareStatement("select event_id, name, value from env_vars where event_id = any(?) and not secret order by name")) {
            select.setArray(1, c.createArrayOf("bigint", due.stream().map(DueEvent::id).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    env.computeIfAbsent(rows.getLong(1), k -> new LinkedHashMap<>()).put(rows.getString(2), rows.getString(3));
                }
            }
        }
        Map<Long, List<FollowUp>> actions = new LinkedHashMap<>();
        try (var select = c.prepareStatement("select event_id, trigger_on, condition_expr, target_event_id from"
                + " conditional_actions where event_id = any(?) and target_event_id is not null order by event_id, position")) {
            select.setArray(1, c.createArrayOf("bigint", due.stream().map(DueEvent::id).toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    actions.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(new FollowUp(
                            ActionTrigger.valueOf(rows.getString(2)), rows.getString(3), rows.getLong(4)));
                }
            }
        }
        Map<Long, List<Long>> servers = ServerTargets.of(c, due.stream().map(DueEvent::id).toList());
        Map<Long, String> payloads = new LinkedHashMap<>();
        for (DueEvent e : due) {
            payloads.put(e.id(), JobPayload.of(e.type(), e.content(), e.timeoutSeconds(), env.getOrDefault(e.id(), Map.of()), null,
                    e.policy(), servers.containsKey(e.id()) ? e.spec().onServers(servers.get(e.id())) : e.spec())
                    .scheduled(e.schedule().misfirePolicy()).withActions(actions.getOrDefault(e.id(), List.of())).toJson());
        }
        return payloads;
    }

    /**
     * The configured lookahead, or longer when many events fall due soon: a burst (10,000 events on the same minute)
     * takes seconds to write, so it starts early enough to be queued before its instant.
     */
    Duration lookahead(Connection c, Instant now) throws SQLException {
        if (lookahead.isZero()) {
            return lookahead; // only slots already due
        }
        try (var count = c.prepareStatement(
                "select count(*) from events where status = 'ACTIVE' and next_fire_at <= ?")) {
            count.setTimestamp(1, Timestamp.from(now.plus(MAX_LOOKAHEAD)));
            try (var rows = count.executeQuery()) {
                rows.next();
                Duration needed = ENQUEUE_ESTIMATE.multipliedBy(rows.getLong(1));
                return needed.compareTo(lookahead) <= 0 ? lookahead
                        : needed.compareTo(MAX_LOOKAHEAD) >= 0 ? MAX_LOOKAHEAD : needed;
            }
        }
    }

    private List<DueEvent> lockDue(Connection c, Instant now, int batch) throws SQLException {
        List<DueEvent> due = new ArrayList<>();
        try (var select = c.prepareStatement("""
                select id, owner_id, type, content, timeout_seconds, priority, cron_expression, interval_seconds,
                       timezone, misfire_policy, next_fire_at, max_executions, execution_count,
                       retries, retry_delay_seconds, retry_max_delay_seconds, recovery_policy, concurrency_policy,
                       isolation, cpu_limit, memory_limit_mb, pids_limit, work_dir_mb, network,
                       http_method, http_url, http_headers, http_body, http_follow_redirects, http_success_statuses
                  from events
                 where status = 'ACTIVE' and next_fire_at <= ?
                 order by next_fire_at
                 limit ?
                   for update skip locked""")) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, batch);
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    Long interval = nullableLong(rows, 8);
                    Long max = nullableLong(rows, 12);
                    var schedule = new Schedule(rows.getString(7), interval, rows.getString(9),
                            MisfirePolicy.valueOf(rows.getString(10)));
                    due.add(new DueEvent(rows.getLong(1), rows.getLong(2), EventType.valueOf(rows.getString(3)),
                            rows.getString(4), rows.getInt(5), JobPriority.valueOf(rows.getString(6)), schedule,
                            rows.getTimestamp(11).toInstant(), max == null ? null : max.intValue(), rows.getInt(13),
                            new RunPolicy(rows.getInt(14), rows.getInt(15), rows.getInt(16),
                                    RecoveryPolicy.valueOf(rows.getString(17)),
                                    ConcurrencyPolicy.valueOf(rows.getString(18))), spec(rows)));
                }
            }
        }
        return due;
    }

    /** The columns 19 to 30 of {@link #lockDue}'s select. */
    private static ExecutionSpec spec(java.sql.ResultSet rows) throws SQLException {
        var limits = new ResourceLimits(rows.getDouble(20), rows.getInt(21), rows.getInt(22), rows.getInt(23),
                NetworkAccess.valueOf(rows.getString(24)));
        var http = HttpCall.stored(rows.getString(25), rows.getString(26), rows.getString(27), rows.getString(28),
                rows.getBoolean(29), rows.getString(30));
        return new ExecutionSpec(Isolation.valueOf(rows.getString(19)), limits, http);
    }

    private static Long nullableLong(java.sql.ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
