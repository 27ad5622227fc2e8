package io.cronium.logs.control;

import io.cronium.platform.ApplicationDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/**
 * Tells live views on every node that a run changed (PostgreSQL NOTIFY on the caller's transaction's connection,
 * so it is delivered when that transaction commits, and not at all if it rolls back).
 */
@ApplicationScoped
public class RunAnnouncer {

    @Inject
    ApplicationDatabase database;

    public void announce(long logId) {
        try (var c = database.dataSource().getConnection()) {
            LogTable.announce(c, logId);
        } catch (SQLException e) {
            throw new IllegalStateException("announcing a change of log " + logId + " failed", e);
        }
    }
}
