package io.cronium.system;

import java.sql.SQLException;

/** What a node leaves behind when it dies mid-run: a RUNNING job, its log and execution, a lease nobody renews. */
record DeadNode(long jobId, long logId, String executionId) {

    static final String NAME = "dead-node";

    static DeadNode leftRunning(long eventId, String payload) throws SQLException {
        return leftRunning(eventId, payload, null);
    }

    /** The same for a run on a server ({@code serverId}; null: on the node itself, in a container). */
    static DeadNode leftRunning(long eventId, String payload, Long serverId) throws SQLException {
        return leftRunning(eventId, payload, serverId, -1);
    }

    /**
     * The same with a lease that runs out {@code leaseSeconds} from now (negative: ran out already), for a test that
     * must leave something behind first, before the reaper can see the run.
     */
    static DeadNode leftRunning(long eventId, String payload, Long serverId, int leaseSeconds) throws SQLException {
        long logId;
        long jobId;
        try (var c = RunningCronium.get().database()) {
            c.setAutoCommit(false); // all at once: a reaper that saw the job before its execution would miss that
            try (var s = c.prepareStatement("insert into logs (event_id, owner_id, status, started_at)"
                    + " select id, owner_id, 'RUNNING', now() from events where id = ? returning id")) {
                s.setLong(1, eventId);
                var rows = s.executeQuery();
                rows.next();
                logId = rows.getLong(1);
            }
            try (var s = c.prepareStatement("insert into jobs (event_id, log_id, status, payload, claimed_by, claimed_at,"
                    + " lease_until, started_at) values (?, ?, 'RUNNING', ?, ?, now(), now() + make_interval(secs => ?),"
                    + " now()) returning id")) {
                s.setLong(1, eventId);
                s.setLong(2, logId);
                s.setString(3, payload);
                s.setString(4, NAME);
                s.setInt(5, leaseSeconds);
                var rows = s.executeQuery();
                rows.next();
                jobId = rows.getLong(1);
            }
            try (var s = c.createStatement()) {
                s.execute("update logs set job_id = " + jobId + " where id = " + logId);
            }
            String executionId = "exec_" + jobId + "_1" + (serverId == null ? "" : "_s" + serverId);
            try (var s = c.prepareStatement("insert into executions (id, job_id, log_id, attempt, executor, status, started_at,"
                    + " server_id) values (?, ?, ?, 1, ?, 'RUNNING', now(), ?)")) {
                s.setString(1, executionId);
                s.setLong(2, jobId);
                s.setLong(3, logId);
                s.setString(4, serverId == null ? "container" : "ssh");
                s.setObject(5, serverId);
                s.executeUpdate();
            }
            c.commit();
            return new DeadNode(jobId, logId, executionId);
        }
    }
}
