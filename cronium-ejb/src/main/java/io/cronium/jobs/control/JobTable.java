package io.cronium.jobs.control;

import io.cronium.jobs.entity.JobStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The queue's hot statements in plain SQL: claiming must be one statement (select the best job, skip rows other
 * workers hold, mark it ours with a lease) and every status change is conditional on the status we expect.
 */
public final class JobTable {

    static final String CLAIM = """
            update jobs set status = 'CLAIMED', claimed_by = ?, claimed_at = now(),
                   lease_until = now() + make_interval(secs => ?)
             where id = (select id from jobs
                          where status = 'QUEUED' and run_at <= now()
                          order by priority desc, run_at, id
                          limit 1
                          for update skip locked)
            returning id, event_id, log_id, attempt, payload
            """;

    static final String TRANSITION = """
            update jobs set status = ?,
                   started_at  = case when ? then now() else started_at end,
                   finished_at = case when ? then now() else finished_at end
             where id = ? and status = ?
            """;

    private JobTable() {
    }

    /** Claims the most urgent due job for {@code node}, or nothing when none is free. */
    public static Optional<ClaimedJob> claim(Connection connection, String node, int leaseSeconds) throws SQLException {
        try (var statement = connection.prepareStatement(CLAIM)) {
            statement.setString(1, node);
            statement.setInt(2, leaseSeconds);
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClaimedJob(rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getInt(4),
                        rows.getString(5)));
            }
        }
    }

    /**
     * Moves a job from {@code from} to {@code to} if, and only if, it is still in {@code from}.
     * @return false when someone else changed it first (the caller lost the race and must not act on it)
     */
    public static boolean transition(Connection connection, long jobId, JobStatus from, JobStatus to) throws SQLException {
        from.moveTo(to);
        try (var statement = connection.prepareStatement(TRANSITION)) {
            statement.setString(1, to.name());
            statement.setBoolean(2, to == JobStatus.RUNNING);
            statement.setBoolean(3, to.isFinal());
            statement.setLong(4, jobId);
            statement.setString(5, from.name());
            return statement.executeUpdate() == 1;
        }
    }
}
