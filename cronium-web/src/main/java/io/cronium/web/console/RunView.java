package io.cronium.web.console;

import io.cronium.common.Jsons;
import io.cronium.common.ConflictException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.jobs.boundary.JobCancellation;
import io.cronium.logs.boundary.LiveRunReads;
import io.cronium.logs.boundary.LogDetails;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.logs.control.OutputChunkTable.StoredChunk;
import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.RunLog;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import org.omnifaces.util.Messages;
import org.primefaces.PrimeFaces;

/**
 * One run: its status, timings and attempts, and its output as it is written. The page's WebSocket says when the
 * run changed; {@link #refresh} then sends the new output lines to the page and re-renders the summary.
 */
@Named
@ViewScoped
public class RunView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int CHUNKS_PER_REFRESH = 500;

    /** The summary shown above the output. */
    public record Summary(long id, Long eventId, Long jobId, String status, int attempt, Integer exitCode,
                          String trigger, Instant scheduledFor, Instant startedAt, Instant finishedAt, Long durationMs,
                          Long setupMs, Long executionMs, Long cleanupMs, String executor, boolean sandboxed,
                          String output, String result, String error, Long workflowExecutionId,
                          Long triggeredByLogId) implements Serializable {
        public boolean isActive() {
            return "PENDING".equals(status) || "RUNNING".equals(status);
        }
    }

    /** One attempt (and, with servers, one server). */
    public record Attempt(String id, int attempt, String executor, boolean sandboxed, String status, Integer exitCode,
                          Long setupMs, Long executionMs, Long cleanupMs, Long totalMs, String steps,
                          Instant startedAt) implements Serializable {
        static Attempt of(Execution x) {
            return new Attempt(x.getId(), x.getAttempt(), x.getExecutor(), x.isSandboxed(),
                    x.getStatus() == null ? "RUNNING" : x.getStatus().name(), x.getExitCode(), x.getSetupMs(),
                    x.getExecutionMs(), x.getCleanupMs(), x.getTotalMs(), steps(x.getPhases()), x.getStartedAt());
        }

        /** "network 0 · image 2 · container 41 · ..." from the stored JSON object of step times. */
        private static String steps(String json) {
            if (json == null) {
                return "";
            }
            try (var reader = Jsons.createReader(new java.io.StringReader(json))) {
                var parts = new java.util.ArrayList<String>();
                reader.readObject().forEach((k, v) -> parts.add(k + " " + v));
                return String.join(" · ", parts);
            }
        }
    }

    /** Output lines as the page first renders them. */
    public record Line(String stream, String text) implements Serializable {
    }

    @EJB
    transient LogQueries logs;

    @EJB
    transient LiveRunReads reads;

    @EJB
    transient JobCancellation cancellation;

    @EJB
    transient CallerResolver callers;

    private Long id;
    private Summary summary;
    private List<Attempt> attempts = List.of();
    private List<Line> lines = List.of();
    private long lastChunkId;
    private boolean mayCancel;

    /** Loads the run named by the id parameter, with the output stored so far. */
    public void load() {
        if (id == null) {
            return;
        }
        Caller caller = callers.current();
        mayCancel = caller.role() != Role.VIEWER;
        if (!readSummary()) {
            return;
        }
        List<StoredChunk> chunks = reads.chunksAfter(id, 0, Integer.MAX_VALUE);
        lines = chunks.stream().flatMap(c -> c.content().lines().map(l -> new Line(c.stream().name(), l))).toList();
        lastChunkId = chunks.isEmpty() ? 0 : chunks.get(chunks.size() - 1).id();
    }

    /**
     * Called by the page when its socket says the run changed: hands it the new lines, and re-renders the summary
     * only when it changed (a chatty script must not make the page, and its Cancel button, flicker).
     */
    public void refresh() {
        if (summary == null) {
            return;
        }
        Summary before = summary;
        List<Attempt> attemptsBefore = attempts;
        if (!readSummary()) {
            return;
        }
        if (!summary.equals(before) || !attempts.equals(attemptsBefore)) {
            PrimeFaces.current().ajax().update("run:summary", "details:attempts", "details:notes");
        }
        var json = Jsons.createArrayBuilder();
        for (StoredChunk chunk : reads.chunksAfter(id, lastChunkId, CHUNKS_PER_REFRESH)) {
            var chunkLines = Jsons.createArrayBuilder();
            chunk.content().lines().forEach(chunkLines::add);
            json.add(Jsons.createObjectBuilder().add("stream", chunk.stream().name()).add("lines", chunkLines));
            lastChunkId = chunk.id();
        }
        PrimeFaces.current().ajax().addCallbackParam("chunks", json.build().toString());
    }

    public void cancel() {
        try {
            var status = cancellation.cancel(summary.jobId());
            Messages.addGlobalInfo(status.isFinal() ? "Run #{0} cancelled" : "Cancelling run #{0}…", id);
            readSummary();
        } catch (ConflictException | ResourceNotFoundException e) {
            Messages.addGlobalError(e.getMessage());
        } catch (EJBAccessException e) {
            Messages.addGlobalError("Your role does not allow cancelling runs");
        }
    }

    private boolean readSummary() {
        LogDetails details;
        try {
            details = logs.find(id);
        } catch (ResourceNotFoundException e) {
            summary = null;
            Messages.addGlobalError("Run #{0} does not exist", id);
            return false;
        }
        RunLog l = details.log();
        attempts = details.executions().stream().map(Attempt::of).toList();
        Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        summary = new Summary(l.getId(), l.getEventId(), l.getJobId(), l.getStatus().name(), l.getAttempt(),
                l.getExitCode(), l.getTrigger(), l.getScheduledFor(), l.getStartedAt(), l.getFinishedAt(),
                l.getDurationMs(), l.getSetupMs(), l.getExecutionMs(), l.getCleanupMs(),
                last == null ? null : last.executor(), last != null && last.sandboxed(), l.getOutput(), l.getResult(),
                l.getError(), l.getWorkflowExecutionId(), l.getTriggeredByLogId());
        return true;
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Summary getSummary() { return summary; }
    public List<Attempt> getAttempts() { return attempts; }
    public List<Line> getLines() { return lines; }
    public boolean isMayCancel() { return mayCancel && summary != null && summary.isActive() && summary.jobId() != null; }
}
