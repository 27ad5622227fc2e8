package io.cronium.jobs.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Remote executions of lost attempts that may still run on their servers, until a sweep has stopped them. Claims
 * move a row's next try ahead first (30 s, doubling, at most 10 min: the attempt's lease) and skip rows other nodes
 * hold; an attempt that failed sets its next try sooner (5 s, doubling, at most 10 min).
 */
final class RemoteLeftoverTable {

    /** A leftover to stop: which execution, on which server, left by which node, since when. */
    record Leftover(String executionId, long serverId, String node, boolean givenUp) {
    }

    private RemoteLeftoverTable() {
    }

    /** The remote executions of the attempt that was still RUNNING when its node was lost. */
    static void record(Connection c, long jobId, int attempt, String node) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into remote_leftovers (execution_id, server_id, node)
                select id, server_id, ? from executions
                 where job_id = ? and attempt = ? and status = 'RUNNING' and server_id is not null
                on conflict do nothing""")) {
            s.setString(1, node == null ? "unknown" : node);
            s.setLong(2, jobId);
            s.setInt(3, attempt);
            s.executeUpdate();
        }
    }

    /** Up to {@code limit} due leftovers; {@code givenUp} once one was first found longer ago than {@code giveUpHours}. */
    static List<Leftover> claim(Connection c, int limit, int giveUpHours) throws SQLException {
        List<Leftover> claimed = new ArrayList<>();
        try (var s = c.prepareStatement("""
                update remote_leftovers r
                   set tries = r.tries + 1,
                       next_try_at = now() + least(interval '10 minutes', interval '30 seconds' * power(2, r.tries))
                  from (select execution_id from remote_leftovers where next_try_at <= now()
                         order by next_try_at limit ? for update skip locked) due
                 where r.execution_id = due.execution_id
                returning r.execution_id, r.server_id, r.node, r.found_at < now() - make_interval(hours => ?)""")) {
            s.setInt(1, limit);
            s.setInt(2, giveUpHours);
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    claimed.add(new Leftover(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getBoolean(4)));
                }
            }
        }
        return claimed;
    }

    static void resolved(Connection c, String executionId) throws SQLException {
        try (var s = c.prepareStatement("delete from remote_leftovers where execution_id = ?")) {
            s.setString(1, executionId);
            s.executeUpdate();
        }
    }

    static void failed(Connection c, String executionId, String error) throws SQLException {
        // the attempt is over: the next comes sooner than the claim's lease (5 s, doubling, at most 10 min)
        try (var s = c.prepareStatement("update remote_leftovers set last_error = ?, next_try_at = now()"
                + " + least(interval '10 minutes', interval '5 seconds' * power(2, greatest(tries - 1, 0)))"
                + " where execution_id = ?")) {
            s.setString(1, error);
            s.setString(2, executionId);
            s.executeUpdate();
        }
    }
}
