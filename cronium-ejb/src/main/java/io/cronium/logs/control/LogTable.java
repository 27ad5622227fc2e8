package io.cronium.logs.control;

import io.cronium.logs.entity.LogStatus;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Log and execution updates made by the queue's sweeping statements (lease reaper, FORBID skips, cancels), which
 * work in plain SQL in the same transaction as the job rows they change, and the announcement of run changes.
 */
public final class LogTable {

    /** The channel on which every change of a run (output, status) is announced; the payload is the log id. */
    public static final String CHANNEL = "cronium_runs";

    private LogTable() {
    }

    /** Ends a log that will not run (again) with a status and the reason, appended to what it already says. */
    public static void settle(Connection c, long logId, LogStatus status, String reason) throws SQLException {
        try (var s = c.prepareStatement("""
                update logs set status = ?, finished_at = now(),
                       duration_ms = case when started_at is null then null
                                          else (extract(epoch from now() - started_at) * 1000)::bigint end,
                       error = concat(error, case when error is null or error = '' or right(error, 1) = E'\\n'
                                                  then '' else E'\\n' end, '[cronium] ', ?::text, E'\\n')
                 where id = ?""")) {
            s.setString(1, status.name());
            s.setString(2, reason);
            s.setLong(3, logId);
            s.executeUpdate();
        }
        announce(c, logId);
    }

    /** Marks a log as waiting for its next attempt, keeping the reason the last one ended. */
    public static void pending(Connection c, long logId, String reason) throws SQLException {
        try (var s = c.prepareStatement("update logs set status = 'PENDING', finished_at = null,"
                + " error = concat(error, '[cronium] ', ?::text, E'\\n') where id = ?")) {
            s.setString(1, reason);
            s.setLong(2, logId);
            s.executeUpdate();
        }
        announce(c, logId);
    }

    /**
     * A start given back before its script began (its node held it ahead of a worker): the attempt's execution
     * records go, as nothing of it ran, and the log waits again.
     */
    public static void notBegun(Connection c, long jobId, int attempt, long logId) throws SQLException {
        try (var s = c.prepareStatement("delete from executions where job_id = ? and attempt = ? and status = 'RUNNING'")) {
            s.setLong(1, jobId);
            s.setInt(2, attempt);
            s.executeUpdate();
        }
        try (var s = c.prepareStatement("update logs set status = 'PENDING' where id = ? and status = 'RUNNING'")) {
            s.setLong(1, logId);
            s.executeUpdate();
        }
        announce(c, logId);
    }

    /** Closes the execution record of an attempt whose node vanished while it ran. */
    public static void executionLost(Connection c, long jobId, int attempt, String reason) throws SQLException {
        try (var s = c.prepareStatement("""
                update executions set status = 'FAILURE', finished_at = now(),
                       total_ms = (extract(epoch from now() - started_at) * 1000)::bigint,
                       error = concat(error, '[cronium] ', ?::text, E'\\n')
                 where job_id = ? and attempt = ? and status = 'RUNNING'""")) {
            s.setString(1, reason);
            s.setLong(2, jobId);
            s.setInt(3, attempt);
            s.executeUpdate();
        }
    }

    /** Appends a line in one statement, so a concurrent append (the reaper's) is not lost. */
    public static void noteOnExecution(Connection c, String executionId, String line) throws SQLException {
        try (var s = c.prepareStatement("update executions set error = concat(error, ?::text, E'\\n') where id = ?")) {
            s.setString(1, line);
            s.setString(2, executionId);
            s.executeUpdate();
        }
    }

    /** Tells every node's listeners that a run changed; delivered when the transaction commits. */
    public static void announce(Connection c, long logId) throws SQLException {
        try (var s = c.prepareStatement("select pg_notify('" + CHANNEL + "', ?)")) {
            s.setString(1, Long.toString(logId));
            s.executeQuery().close();
        }
    }
}
