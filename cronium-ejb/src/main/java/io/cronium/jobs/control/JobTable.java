package io.cronium.jobs.control;

import io.cronium.jobs.entity.JobStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The queue's hot statements in plain SQL. Claiming is one statement (select the best job, skip rows other workers
 * hold, mark it ours with a lease). Every later change is conditional on the status and the attempt we expect: the
 * attempt number is the fencing token, so a node that lost its lease cannot record anything over the next attempt.
 */
public final class JobTable {

    /**
     * Sent before each hot statement, in the same round trip: the rest of the transaction runs on plans made once per
     * connection (generic plans) instead of planned again at every execution, which PostgreSQL otherwise keeps doing
     * for these (a custom plan knows the limit and the array sizes, so it looks cheaper) and which cost a third of the
     * queue's throughput (docs/BENCHMARKS.md). Local: it ends with the transaction.
     */
    public static final String PLANNED_ONCE = "set local plan_cache_mode = force_generic_plan;\n";

    /**
     * The most urgent due jobs, skipping rows other workers hold, claimed for a node; a job that may be re-run after a
     * lost node ({@code recovery} RERUN) is started as it is claimed (RUNNING), ahead of the worker that will begin
     * it, so that no commit waits between two runs of a worker (docs/BENCHMARKS.md); one whose policy is FAIL is only
     * claimed, and started when its script begins. An exclusive (FORBID/QUEUE) event is skipped while a run of it is
     * active and gives at most one job per batch. The candidate scan is kept simple so that it walks the queue index
     * in order whatever the table's statistics say (a burst of new jobs has none yet). Two claimers that still pick
     * two runs of one exclusive event at the same instant collide on a unique index. (Public for the benchmark.)
     */
    public static final String CLAIM_TO_START = """
            with candidates as (
                select j.id, j.event_id, j.concurrency, j.priority, j.run_at from jobs j
                 where j.status = 'QUEUED' and j.run_at <= now()
                   and (j.concurrency = 'ALLOW'
                        or not exists (select 1 from jobs r
                                        where r.event_id = j.event_id and r.status in ('CLAIMED', 'RUNNING')))
                 order by j.priority desc, j.run_at, j.id
                 limit ?
                   for update skip locked),
            next as (
                select id from (select c.id, row_number() over (
                                    partition by case when c.concurrency = 'ALLOW' then c.id else c.event_id end
                                    order by c.priority desc, c.run_at, c.id) as nth
                                  from candidates c) ranked
                 where nth = 1),
            claimed as (
                update jobs set status = case when jobs.recovery = 'FAIL' then 'CLAIMED' else 'RUNNING' end,
                       started_at = case when jobs.recovery = 'FAIL' then null else now() end,
                       claimed_by = ?, claimed_at = now(), lease_until = now() + make_interval(secs => ?)
                  from next
                 where jobs.id = next.id
                returning jobs.id, jobs.event_id, jobs.log_id, jobs.attempt, jobs.payload, jobs.priority, jobs.run_at,
                          jobs.status)
            select id, event_id, log_id, attempt, payload, run_at, priority, status from claimed
             order by priority desc, run_at, id
            """;

    static final String TRANSITION = """
            update jobs set status = ?,
                   started_at  = case when ? then now() else started_at end,
                   finished_at = case when ? then now() else finished_at end,
                   lease_until = case when ? then null else lease_until end
             where id = ? and attempt = ? and status = ?
            """;

    /**
     * Several status changes of this node's attempts in one statement (a group of workers' hand-overs: the ends of
     * their runs), each conditional as {@link #TRANSITION} is and on the claim being this node's. Rows are taken in id
     * order, as {@link #RENEW} takes them, so the two never deadlock. (Public for the benchmark.)
     */
    public static final String MOVE_ALL = """
            update jobs j set status = m.target,
                   started_at  = case when m.target = 'RUNNING' then now() else j.started_at end,
                   finished_at = case when m.target = 'RUNNING' then j.finished_at else now() end,
                   lease_until = case when m.target = 'RUNNING' then j.lease_until else null end
              from unnest(?::bigint[], ?::int[], ?::text[], ?::text[]) as m(id, attempt, source, target)
             where j.id = m.id and j.attempt = m.attempt and j.status = m.source and j.claimed_by = ?
            returning j.id
            """;

    /** A claim given back before its job started: the same attempt, free for any node to claim. */
    static final String RELEASE = """
            update jobs set status = 'QUEUED', claimed_by = null, claimed_at = null, lease_until = null
             where id = ? and attempt = ? and status = 'CLAIMED'
            """;

    /**
     * A job started ahead of its worker and given back before its script began: the same attempt, free for any node
     * (a cancel requested meanwhile is decided by the caller).
     */
    static final String GIVE_BACK_UNBEGUN = """
            update jobs set status = 'QUEUED', claimed_by = null, claimed_at = null, lease_until = null, started_at = null
             where id = ? and attempt = ? and status = 'RUNNING' and claimed_by = ? and not cancel_requested
            """;

    static final String HOLD_CLAIM = """
            select 1 from jobs where id = ? and attempt = ? and status = 'CLAIMED' and claimed_by = ? for update
            """;

    static final String REQUEUE = """
            update jobs set status = 'QUEUED', attempt = attempt + 1, recoveries = recoveries + ?,
                   run_at = now() + make_interval(secs => ?),
                   claimed_by = null, claimed_at = null, lease_until = null, started_at = null
             where id = ? and attempt = ? and status = ? and not cancel_requested
            """;

    static final String RENEW = """
            update jobs j set lease_until = now() + make_interval(secs => ?)
              from unnest(?::bigint[], ?::int[]) as mine(id, attempt)
             where j.id = mine.id and j.attempt = mine.attempt and j.claimed_by = ?
               and j.status in ('CLAIMED', 'RUNNING')
            returning j.id, j.cancel_requested
            """;

    static final String EXPIRED = """
            select id, attempt, log_id, status, cancel_requested, recoveries, claimed_by, payload
              from jobs
             where status in ('CLAIMED', 'RUNNING') and lease_until < now()
             order by lease_until
             limit ?
               for update skip locked
            """;

    /** Due FORBID jobs whose event is running already: skipped, with the run that blocked them. */
    static final String SKIP_FORBIDDEN = """
            update jobs j set status = 'CANCELLED', finished_at = now()
              from (select q.id, (select r.id from jobs r where r.event_id = q.event_id
                                   and r.status in ('CLAIMED', 'RUNNING') limit 1) as blocker
                      from jobs q
                     where q.status = 'QUEUED' and q.concurrency = 'FORBID' and q.run_at <= now()
                       for update of q skip locked) s
             where j.id = s.id and s.blocker is not null
            returning j.id, j.log_id, s.blocker
            """;

    /** One status change of a job's attempt, for {@link #moveAll}. */
    public record Move(long jobId, int attempt, JobStatus from, JobStatus to) {

        public Move {
            from.moveTo(to);
            boolean startsOrEnds = (from == JobStatus.CLAIMED && to == JobStatus.RUNNING)
                    || (from == JobStatus.RUNNING && to.isFinal());
            if (!startsOrEnds) { // a grouped move is always a node's own start or end of a run
                throw new IllegalArgumentException("not a start or end of a run: " + from + " -> " + to);
            }
        }

        /** The start of a job this node claimed. */
        public static Move start(long jobId, int attempt) {
            return new Move(jobId, attempt, JobStatus.CLAIMED, JobStatus.RUNNING);
        }

        /** The end of a run, as {@code status}. */
        public static Move end(long jobId, int attempt, JobStatus status) {
            return new Move(jobId, attempt, JobStatus.RUNNING, status);
        }
    }

    /** A job's state as read under its row lock. */
    public record LockedJob(long id, long logId, JobStatus status, int attempt, boolean cancelRequested) {
    }

    /** A job whose lease ran out: its node stopped renewing it. */
    public record ExpiredLease(long id, int attempt, long logId, JobStatus status, boolean cancelRequested,
                               int recoveries, String node, String payload) {
    }

    /** A FORBID job skipped because {@code blockingJobId} of the same event was still running. */
    public record SkippedRun(long jobId, long logId, long blockingJobId) {
    }

    private JobTable() {
    }

    /** A job claimed by {@link #CLAIM_TO_START}: started (RUNNING), or only claimed (its recovery policy is FAIL). */
    public record Claim(ClaimedJob job, boolean started) {
    }

    /** Claims up to {@code limit} due jobs for {@code node}, most urgent first, starting those it may. */
    public static List<Claim> claimToStart(Connection connection, String node, int leaseSeconds, int limit)
            throws SQLException {
        JobStatus.QUEUED.moveTo(JobStatus.RUNNING);
        List<Claim> claimed = new ArrayList<>();
        try (var statement = connection.prepareStatement(PLANNED_ONCE + CLAIM_TO_START)) {
            statement.setInt(1, limit);
            statement.setString(2, node);
            statement.setInt(3, leaseSeconds);
            try (var rows = rowsOf(statement)) {
                while (rows.next()) {
                    claimed.add(new Claim(new ClaimedJob(rows.getLong(1), rows.getLong(2), rows.getLong(3),
                            rows.getInt(4), rows.getString(5), rows.getTimestamp(6).toInstant(), rows.getInt(7)),
                            JobStatus.valueOf(rows.getString(8)) == JobStatus.RUNNING));
                }
            }
        }
        return claimed;
    }

    /**
     * Moves attempt {@code attempt} of a job from {@code from} to {@code to} if, and only if, it is still there.
     * @return false when someone else changed it first (the caller lost the race and must not act on it)
     */
    public static boolean transition(Connection connection, long jobId, int attempt, JobStatus from, JobStatus to)
            throws SQLException {
        from.moveTo(to);
        try (var statement = connection.prepareStatement(TRANSITION)) {
            statement.setString(1, to.name());
            statement.setBoolean(2, to == JobStatus.RUNNING);
            statement.setBoolean(3, to.isFinal());
            statement.setBoolean(4, to.isFinal());
            statement.setLong(5, jobId);
            statement.setInt(6, attempt);
            statement.setString(7, from.name());
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Makes {@code moves} of this node's attempts in one statement (see {@link #MOVE_ALL}).
     * @return the ids of the jobs moved; a job missing from it was not where its move expected (lease lost, taken)
     */
    public static Set<Long> moveAll(Connection connection, String node, List<Move> moves) throws SQLException {
        Set<Long> moved = new HashSet<>();
        try (var statement = connection.prepareStatement(PLANNED_ONCE + MOVE_ALL)) {
            bindMoves(statement, node, moves);
            try (var rows = rowsOf(statement)) {
                while (rows.next()) {
                    moved.add(rows.getLong(1));
                }
            }
        }
        return moved;
    }

    /**
     * Sets the five parameters of {@link #MOVE_ALL}, the moves in id order (public for the benchmark, which sends the
     * statement with others in one round trip).
     */
    public static void bindMoves(PreparedStatement statement, String node, List<Move> moves) throws SQLException {
        Connection connection = statement.getConnection();
        List<Move> ordered = moves.stream().sorted(Comparator.comparingLong(Move::jobId)).toList();
        statement.setArray(1, connection.createArrayOf("bigint", ordered.stream().map(Move::jobId).toArray()));
        statement.setArray(2, connection.createArrayOf("integer", ordered.stream().map(Move::attempt).toArray()));
        statement.setArray(3, connection.createArrayOf("text", ordered.stream().map(m -> m.from().name()).toArray()));
        statement.setArray(4, connection.createArrayOf("text", ordered.stream().map(m -> m.to().name()).toArray()));
        statement.setString(5, node);
    }

    /** Gives back claimed jobs that have not started; see {@link #release(Connection, long, int)}. */
    public static void release(Connection connection, List<ClaimedJob> jobs) throws SQLException {
        for (ClaimedJob job : jobs) {
            release(connection, job.jobId(), job.attempt());
        }
    }

    /** Gives back a claimed job that has not started (its attempt did not begin, so it keeps its number). */
    public static boolean release(Connection connection, long jobId, int attempt) throws SQLException {
        JobStatus.CLAIMED.moveTo(JobStatus.QUEUED);
        try (var statement = connection.prepareStatement(RELEASE)) {
            statement.setLong(1, jobId);
            statement.setInt(2, attempt);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Gives back a job this node started ahead of its worker whose script has not begun: it keeps its attempt (nothing
     * of it ran). Only the node itself knows that, so only it may: the reaper applies the recovery policy instead.
     * @return false when it is no longer this node's, or a cancel was requested
     */
    public static boolean giveBackUnbegun(Connection connection, String node, long jobId, int attempt)
            throws SQLException {
        JobStatus.RUNNING.moveTo(JobStatus.QUEUED);
        try (var statement = connection.prepareStatement(GIVE_BACK_UNBEGUN)) {
            statement.setLong(1, jobId);
            statement.setInt(2, attempt);
            statement.setString(3, node);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Whether {@code node} still holds its claim on this attempt, locking the row until the transaction ends: a
     * claim kept ahead may have been given back (its lease ran out) and taken by another node, with the same attempt.
     */
    public static boolean holdClaim(Connection connection, long jobId, int attempt, String node) throws SQLException {
        try (var statement = connection.prepareStatement(HOLD_CLAIM)) {
            statement.setLong(1, jobId);
            statement.setInt(2, attempt);
            statement.setString(3, node);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Puts a job back in the queue as its next attempt, due after {@code delay}: a retry, or a recovery after a
     * lost lease. Refused when a cancel was requested meanwhile, so a cancelled run is never retried.
     */
    public static boolean requeue(Connection connection, long jobId, int attempt, JobStatus from, Duration delay,
                                  boolean recovery) throws SQLException {
        from.moveTo(JobStatus.QUEUED);
        try (var statement = connection.prepareStatement(REQUEUE)) {
            statement.setInt(1, recovery ? 1 : 0);
            statement.setDouble(2, delay.toMillis() / 1000.0);
            statement.setLong(3, jobId);
            statement.setInt(4, attempt);
            statement.setString(5, from.name());
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * Extends the leases of the attempts this node runs.
     * @return for each attempt still ours, whether a cancel was requested; an attempt missing from it was lost
     */
    public static Map<Long, Boolean> renew(Connection connection, String node, Map<Long, Integer> attempts,
                                           int leaseSeconds) throws SQLException {
        Map<Long, Boolean> kept = new HashMap<>();
        if (attempts.isEmpty()) {
            return kept;
        }
        var ordered = new TreeMap<>(attempts); // rows in id order, as MOVE_ALL takes them
        try (var statement = connection.prepareStatement(RENEW)) {
            statement.setInt(1, leaseSeconds);
            statement.setArray(2, connection.createArrayOf("bigint", ordered.keySet().toArray()));
            statement.setArray(3, connection.createArrayOf("integer", ordered.values().toArray()));
            statement.setString(4, node);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    kept.put(rows.getLong(1), rows.getBoolean(2));
                }
            }
        }
        return kept;
    }

    /** Reads a job and locks its row until the transaction ends, so a decision about it cannot be overtaken. */
    public static Optional<LockedJob> lock(Connection connection, long jobId) throws SQLException {
        try (var statement = connection.prepareStatement(
                "select id, log_id, status, attempt, cancel_requested from jobs where id = ? for update")) {
            statement.setLong(1, jobId);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LockedJob(rows.getLong(1), rows.getLong(2),
                        JobStatus.valueOf(rows.getString(3)), rows.getInt(4), rows.getBoolean(5)));
            }
        }
    }

    /** Flags a running attempt for cancellation; its node sees the flag when it next renews the lease. */
    public static boolean requestCancel(Connection connection, long jobId, int attempt) throws SQLException {
        try (var statement = connection.prepareStatement("update jobs set cancel_requested = true"
                + " where id = ? and attempt = ? and status in ('CLAIMED', 'RUNNING')")) {
            statement.setLong(1, jobId);
            statement.setInt(2, attempt);
            return statement.executeUpdate() == 1;
        }
    }

    /** Locks up to {@code limit} jobs whose lease expired; rows another reaper holds are skipped. */
    public static List<ExpiredLease> lockExpired(Connection connection, int limit) throws SQLException {
        List<ExpiredLease> expired = new ArrayList<>();
        try (var statement = connection.prepareStatement(EXPIRED)) {
            statement.setInt(1, limit);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    expired.add(new ExpiredLease(rows.getLong(1), rows.getInt(2), rows.getLong(3),
                            JobStatus.valueOf(rows.getString(4)), rows.getBoolean(5), rows.getInt(6),
                            rows.getString(7), rows.getString(8)));
                }
            }
        }
        return expired;
    }

    /** The rows of a statement sent after {@link #PLANNED_ONCE}. */
    private static ResultSet rowsOf(PreparedStatement statement) throws SQLException {
        boolean rows = statement.execute();
        while (!rows && statement.getUpdateCount() != -1) {
            rows = statement.getMoreResults();
        }
        if (!rows) {
            throw new SQLException("the statement returned no rows");
        }
        return statement.getResultSet();
    }

    /** Cancels the due FORBID jobs whose event is still running (QUEUED -> CANCELLED) and returns them. */
    public static List<SkippedRun> skipForbidden(Connection connection) throws SQLException {
        JobStatus.QUEUED.moveTo(JobStatus.CANCELLED);
        List<SkippedRun> skipped = new ArrayList<>();
        try (var statement = connection.prepareStatement(PLANNED_ONCE + SKIP_FORBIDDEN); ResultSet rows = rowsOf(statement)) {
            while (rows.next()) {
                skipped.add(new SkippedRun(rows.getLong(1), rows.getLong(2), rows.getLong(3)));
            }
        }
        return skipped;
    }

    public static List<String> attemptsHoldingLeases(Connection connection, List<Long> jobIds) throws SQLException {
        List<String> live = new java.util.ArrayList<>();
        try (var select = connection.prepareStatement("""
                select id, attempt from jobs
                 where id = any(?) and status in ('CLAIMED', 'RUNNING') and lease_until > now()""")) {
            select.setArray(1, connection.createArrayOf("bigint", jobIds.toArray()));
            try (var rows = select.executeQuery()) {
                while (rows.next()) {
                    live.add(rows.getLong(1) + "/" + rows.getInt(2));
                }
            }
        }
        return live;
    }
}
