package io.cronium.logs.boundary;

import io.cronium.logs.control.OutputChunkTable;
import io.cronium.logs.control.OutputChunkTable.StoredChunk;
import io.cronium.logs.entity.LogStatus;
import io.cronium.platform.ApplicationDatabase;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The reads behind live views, made over and over while a run goes on: small statements without an entity
 * manager. Callers check once, with {@link LogQueries#find}, that the user may see the log; these reads run later
 * on stream threads that carry no caller.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LiveRunReads {

    @Inject
    ApplicationDatabase database;

    public List<StoredChunk> chunksAfter(long logId, long afterId, int limit) {
        try (var c = database.dataSource().getConnection()) {
            return OutputChunkTable.after(c, logId, afterId, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the output of log " + logId + " failed", e);
        }
    }

    /** Whose run a log is, to address live pushes to that user (and to administrators) only. */
    public Optional<Long> ownerOf(long logId) {
        try (var c = database.dataSource().getConnection();
             var s = c.prepareStatement("select owner_id from logs where id = ?")) {
            s.setLong(1, logId);
            try (var rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the owner of log " + logId + " failed", e);
        }
    }

    public Optional<RunProgress> progress(long logId) {
        try (var c = database.dataSource().getConnection();
             var s = c.prepareStatement("select status, attempt, exit_code from logs where id = ?")) {
            s.setLong(1, logId);
            try (var rows = s.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                int exit = rows.getInt(3);
                Integer exitCode = rows.wasNull() ? null : exit; // asked right after reading the column it is about
                return Optional.of(new RunProgress(LogStatus.valueOf(rows.getString(1)), rows.getInt(2), exitCode));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the status of log " + logId + " failed", e);
        }
    }
}
