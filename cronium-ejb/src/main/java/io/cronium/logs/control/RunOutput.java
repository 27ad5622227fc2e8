package io.cronium.logs.control;

import io.cronium.execution.OutputChannel;
import io.cronium.execution.OutputSink;
import java.util.ArrayList;
import java.util.List;

/**
 * The live output of one execution on its way to storage: lines wait here (already masked) until the flusher
 * writes them as chunks, consecutive lines of one stream together. Beyond the output limit, lines are counted and
 * dropped, and one SYSTEM chunk says so.
 */
public final class RunOutput implements OutputSink {

    /** Lines of one stream, stored as one row. */
    public record Chunk(long logId, String executionId, OutputChannel stream, String content) {
    }

    private final long logId;
    private final String executionId;
    private final int limitChars;
    private final List<Chunk> pending = new ArrayList<>();
    private StringBuilder current;
    private OutputChannel currentStream;
    private long keptChars;
    private long droppedChars;
    private boolean truncationAnnounced;

    public RunOutput(long logId, String executionId, int limitChars) {
        this.logId = logId;
        this.executionId = executionId;
        this.limitChars = limitChars;
    }

    public long logId() {
        return logId;
    }

    @Override
    public synchronized void line(OutputChannel stream, String line) {
        if (keptChars + line.length() + 1 > limitChars) {
            droppedChars += line.length() + 1;
            return;
        }
        keptChars += line.length() + 1;
        if (current == null || currentStream != stream) {
            closeChunk();
            current = new StringBuilder();
            currentStream = stream;
        }
        current.append(line).append('\n');
    }

    /** Takes the chunks waiting to be stored, oldest first. */
    public synchronized List<Chunk> drain() {
        closeChunk();
        if (droppedChars > 0 && !truncationAnnounced) {
            truncationAnnounced = true;
            pending.add(new Chunk(logId, executionId, OutputChannel.SYSTEM,
                    "[live output truncated at " + limitChars + " characters; later lines are not kept]\n"));
        }
        List<Chunk> taken = new ArrayList<>(pending);
        pending.clear();
        return taken;
    }

    private void closeChunk() {
        if (current != null && current.length() > 0) {
            pending.add(new Chunk(logId, executionId, currentStream, current.toString()));
        }
        current = null;
        currentStream = null;
    }
}
