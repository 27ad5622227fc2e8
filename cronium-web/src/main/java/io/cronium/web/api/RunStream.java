package io.cronium.web.api;

import io.cronium.common.Jsons;
import io.cronium.logs.boundary.LiveRunReads;
import io.cronium.logs.boundary.RunProgress;
import io.cronium.logs.control.OutputChunkTable.StoredChunk;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client following one run by server-sent events: "output" events (id = chunk id, so a reconnecting client
 * resumes with Last-Event-ID), "status" events when the status changes, and "end" with the final status. Each pump
 * reads what is new since the last one, so signals may be merged or lost without losing a line.
 */
final class RunStream {

    private static final int BATCH = 200;

    private final long logId;
    private final SseEventSink sink;
    private final Sse sse;
    private final LiveRunReads reads;
    private final AtomicBoolean ended = new AtomicBoolean();
    private long lastChunkId;
    private RunProgress lastProgress;

    RunStream(long logId, long afterChunkId, SseEventSink sink, Sse sse, LiveRunReads reads) {
        this.logId = logId;
        this.lastChunkId = afterChunkId;
        this.sink = sink;
        this.sse = sse;
        this.reads = reads;
    }

    long logId() {
        return logId;
    }

    boolean isOver() {
        return ended.get() || sink.isClosed();
    }

    /** Sends what is new; returns false once the stream is over (run ended, or client gone). */
    synchronized boolean pump() {
        if (isOver()) {
            return false;
        }
        // The status is read before the output: a run's chunks are all stored before its final status, so
        // when the status read is final, the output read after it is complete.
        RunProgress progress = reads.progress(logId).orElse(null);
        List<StoredChunk> chunks;
        do {
            chunks = reads.chunksAfter(logId, lastChunkId, BATCH);
            for (StoredChunk chunk : chunks) {
                send(output(chunk));
                lastChunkId = chunk.id();
            }
        } while (chunks.size() == BATCH);
        if (progress == null) {
            return end(null);
        }
        if (!progress.equals(lastProgress)) {
            lastProgress = progress;
            send(event("status", progress));
        }
        return !progress.status().isFinal() || end(progress);
    }

    private boolean end(RunProgress progress) {
        if (ended.compareAndSet(false, true)) {
            sink.send(event("end", progress)).whenComplete((ok, error) -> sink.close());
        }
        return false;
    }

    private void send(OutboundSseEvent event) {
        sink.send(event).exceptionally(error -> {
            ended.set(true); // the client went away
            return null;
        });
    }

    private OutboundSseEvent output(StoredChunk chunk) {
        JsonArrayBuilder lines = Jsons.createArrayBuilder();
        chunk.content().lines().forEach(lines::add);
        var data = Jsons.createObjectBuilder()
                .add("stream", chunk.stream().name())
                .add("executionId", chunk.executionId() == null ? "" : chunk.executionId())
                .add("lines", lines)
                .build();
        return sse.newEventBuilder().name("output").id(Long.toString(chunk.id()))
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(data.toString()).build();
    }

    private OutboundSseEvent event(String name, RunProgress progress) {
        var data = Jsons.createObjectBuilder();
        if (progress != null) {
            data.add("status", progress.status().name()).add("attempt", progress.attempt());
            if (progress.exitCode() != null) {
                data.add("exitCode", progress.exitCode());
            } else {
                data.addNull("exitCode");
            }
        } else {
            data.add("status", "DELETED");
        }
        return sse.newEventBuilder().name(name).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(data.build().toString()).build();
    }
}
