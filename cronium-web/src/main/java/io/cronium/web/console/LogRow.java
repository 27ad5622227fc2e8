package io.cronium.web.console;

import io.cronium.logs.entity.RunLog;
import java.io.Serializable;
import java.time.Instant;

/** What the logs table shows of a run. */
public record LogRow(long id, Long eventId, String status, Integer exitCode, Long durationMs, Instant startedAt,
                     String trigger) implements Serializable {

    static LogRow of(RunLog l) {
        return new LogRow(l.getId(), l.getEventId(), l.getStatus().name(), l.getExitCode(), l.getDurationMs(),
                l.getStartedAt(), l.getTrigger());
    }

    public boolean isActive() {
        return "PENDING".equals(status) || "RUNNING".equals(status);
    }
}
