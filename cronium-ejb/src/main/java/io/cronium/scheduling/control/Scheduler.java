package io.cronium.scheduling.control;

import io.cronium.events.entity.EventType;
import io.cronium.jobs.control.JobPayload;
import io.cronium.jobs.entity.JobPriority;
import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.Schedule;
import io.cronium.scheduling.entity.SlotOutcome;
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

    public Scheduler(Duration misfireThreshold, int runAllLimit) {
        this.misfireThreshold = misfireThreshold;
        this.runAllLimit = runAllLimit;
    }

    private record DueEvent(long id, long ownerId, EventType type, String content, int timeoutSeconds,
                            JobPriority priority, Schedule schedule, Instant nextFireAt, Integer maxExecutions,
                            int executionCount) {
    }

    /** What one pass did: how many due events it handled, and the jobs it enqueued. */
    public record Pass(int events, List<Long> jobs) {
    }

    /** Handles up to {@code batch} due events. */
    public Pass fireDue(Connection c, Instant now, int batch) throws SQLException {
        List<Long> jobs = new ArrayList<>();
        List<DueEvent> due = lockDue(c, now, batch);
        for (DueEvent event : due) {
            jobs.addAll(fire(c, event, now));
        }
        return new Pass(due.size(), jobs);
    }

    private List<DueEvent> lockDue(Connection c, Instant now, int batch) throws SQLException {
        List<DueEvent> due = new ArrayList<>();
        try (var select = c.prepareStatement("""
                select id, owner_id, type, content, timeout_seconds, priority, cron_expression, interval_seconds,
                       timezone, misfire_policy, next_fire_at, max_executions, execution_count
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
                            rows.getTimestamp(11).toInstant(), max == null ? null : max.intValue(), rows.getInt(13)));
                }
            }
        }
        return due;
    }

    private List<Long> fire(Connection c, DueEvent event, Instant now) throws SQLException {
        List<Instant> slots = new ArrayList<>();
        slots.add(event.nextFireAt());
        slots.addAll(FireTimes.between(event.schedule(), event.nextFireAt(), now, MAX_SLOTS_PER_PASS - 1));
        List<SlotPlan> plans = MisfirePlanner.plan(slots, now, event.schedule().misfirePolicy(), misfireThreshold, runAllLimit);

        List<Long> jobs = new ArrayList<>();
        int count = event.executionCount();
        String payload = null;
        for (SlotPlan plan : plans) {
            boolean exhausted = event.maxExecutions() != null && count >= event.maxExecutions();
            SlotOutcome outcome = exhausted ? SlotOutcome.MISSED : plan.outcome();
            Long slotId = insertSlot(c, event.id(), plan.slot(), outcome);
            if (slotId == null) {
                continue; // this slot was handled before: the unique constraint guarantees it exists once
            }
            long logId = insertLog(c, event, plan.slot(), outcome == SlotOutcome.ENQUEUED ? "PENDING" : "MISSED", now);
            if (outcome == SlotOutcome.ENQUEUED) {
                payload = payload == null ? payload(c, event) : payload;
                long jobId = insertJob(c, event, logId, payload);
                link(c, slotId, logId, jobId);
                jobs.add(jobId);
                count++;
            }
        }
        Instant last = slots.get(slots.size() - 1);
        Optional<Instant> next = FireTimes.next(event.schedule(), last);
        if (next.isPresent() && !next.get().isAfter(now)) {
            next = FireTimes.next(event.schedule(), now); // an outage longer than one pass: resume from now
        }
        boolean exhausted = event.maxExecutions() != null && count >= event.maxExecutions();
        try (var update = c.prepareStatement("update events set next_fire_at = ?, execution_count = ? where id = ?")) {
            update.setTimestamp(1, exhausted || next.isEmpty() ? null : Timestamp.from(next.get()));
            update.setInt(2, count);
            update.setLong(3, event.id());
            update.executeUpdate();
        }
        return jobs;
    }

    private static Long nullableLong(java.sql.ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static Long insertSlot(Connection c, long eventId, Instant slot, SlotOutcome outcome) throws SQLException {
        try (var insert = c.prepareStatement("insert into schedule_slots (event_id, scheduled_for, outcome) values (?, ?, ?)"
                + " on conflict do nothing returning id")) {
            insert.setLong(1, eventId);
            insert.setTimestamp(2, Timestamp.from(slot));
            insert.setString(3, outcome.name());
            try (var rows = insert.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private static long insertLog(Connection c, DueEvent event, Instant slot, String status, Instant now) throws SQLException {
        try (var insert = c.prepareStatement("insert into logs (event_id, owner_id, status, trigger_type, scheduled_for, finished_at, error)"
                + " values (?, ?, ?, 'SCHEDULE', ?, ?, ?) returning id")) {
            insert.setLong(1, event.id());
            insert.setLong(2, event.ownerId());
            insert.setString(3, status);
            insert.setTimestamp(4, Timestamp.from(slot));
            boolean missed = status.equals("MISSED");
            insert.setTimestamp(5, missed ? Timestamp.from(now) : null);
            insert.setString(6, missed ? "[cronium] not run: the slot was missed (misfire policy "
                    + event.schedule().misfirePolicy() + ", or the maximum number of executions was reached)" : null);
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long insertJob(Connection c, DueEvent event, long logId, String payload) throws SQLException {
        try (var insert = c.prepareStatement("insert into jobs (event_id, log_id, status, priority, payload)"
                + " values (?, ?, 'QUEUED', ?, ?) returning id")) {
            insert.setLong(1, event.id());
            insert.setLong(2, logId);
            insert.setInt(3, event.priority().rank());
            insert.setString(4, payload);
            try (var rows = insert.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void link(Connection c, long slotId, long logId, long jobId) throws SQLException {
        try (var log = c.prepareStatement("update logs set job_id = ? where id = ?");
             var slot = c.prepareStatement("update schedule_slots set job_id = ? where id = ?")) {
            log.setLong(1, jobId);
            log.setLong(2, logId);
            log.executeUpdate();
            slot.setLong(1, jobId);
            slot.setLong(2, slotId);
            slot.executeUpdate();
        }
    }

    /** The same snapshot a manual run takes (secret values are read by the runner, not stored in the job). */
    private static String payload(Connection c, DueEvent event) throws SQLException {
        Map<String, String> env = new LinkedHashMap<>();
        try (var select = c.prepareStatement("select name, value from env_vars where event_id = ? and not secret order by name")) {
            select.setLong(1, event.id());
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    env.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return new JobPayload(event.type(), event.content(), event.timeoutSeconds(), env, null).toJson();
    }
}
