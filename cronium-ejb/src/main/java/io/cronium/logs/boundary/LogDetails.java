package io.cronium.logs.boundary;

import io.cronium.logs.entity.Execution;
import io.cronium.logs.entity.RunLog;
import java.util.List;

/** A log with its executions, as the log page and {@code GET /logs/{id}} show it. */
public record LogDetails(RunLog log, List<Execution> executions) {
}
