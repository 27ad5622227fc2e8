package io.cronium.logs.boundary;

import io.cronium.logs.entity.LogStatus;
import java.time.Instant;

/** Optional filters of the logs list; null means "any". */
public record LogFilter(Long eventId, Long workflowId, Long serverId, LogStatus status, Instant from, Instant to) {

    public static LogFilter none() {
        return new LogFilter(null, null, null, null, null, null);
    }
}
