package io.cronium.logs.boundary;

import io.cronium.logs.entity.LogStatus;

/** Where a run stands, as live views show it. */
public record RunProgress(LogStatus status, int attempt, Integer exitCode) {
}
