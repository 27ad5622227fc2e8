package io.cronium.logs.control;

import io.cronium.execution.OutputChannel;
import io.cronium.logs.control.RunOutput.Chunk;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Output chunks in plain SQL: appended in one statement for all runs of a flush, which also announces the change
 * (NOTIFY is delivered at commit, to every node listening), and read back by id for live streams.
 */
public final class OutputChunkTable {

    /** A stored chunk, as streams send it. */
    public record StoredChunk(long id, String executionId, OutputChannel stream, String content) {
    }

    static final String APPEND = """
            with added as (
                insert into output_chunks (log_id, execution_id, stream, content)
                select * from unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::text[])
                returning log_id)
            select count(*), count(pg_notify('%s', log_id::text)) from added
            """.formatted(LogTable.CHANNEL);

    private OutputChunkTable() {
    }

    public static void append(Connection c, List<Chunk> chunks) throws SQLException {
        if (chunks.isEmpty()) {
            return;
        }
        try (var s = c.prepareStatement(APPEND)) {
            s.setArray(1, c.createArrayOf("bigint", chunks.stream().map(Chunk::logId).toArray()));
            s.setArray(2, c.createArrayOf("varchar", chunks.stream().map(Chunk::executionId).toArray()));
            s.setArray(3, c.createArrayOf("varchar", chunks.stream().map(ch -> ch.stream().name()).toArray()));
            s.setArray(4, c.createArrayOf("text", chunks.stream().map(Chunk::content).toArray()));
            s.executeQuery().close();
        }
    }

    /** The chunks of a log after {@code afterId}, oldest first. */
    public static List<StoredChunk> after(Connection c, long logId, long afterId, int limit) throws SQLException {
        List<StoredChunk> chunks = new ArrayList<>();
        try (var s = c.prepareStatement("select id, execution_id, stream, content from output_chunks"
                + " where log_id = ? and id > ? order by id limit ?")) {
            s.setLong(1, logId);
            s.setLong(2, afterId);
            s.setInt(3, limit);
            try (var rows = s.executeQuery()) {
                while (rows.next()) {
                    chunks.add(new StoredChunk(rows.getLong(1), rows.getString(2),
                            OutputChannel.valueOf(rows.getString(3)), rows.getString(4)));
                }
            }
        }
        return chunks;
    }
}
