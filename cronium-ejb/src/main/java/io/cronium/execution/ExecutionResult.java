package io.cronium.execution;

import io.cronium.logs.entity.PhaseTimings;

/** What an executor reports at the end: exit code, captured output, why it failed (if it did) and phase times. */
public record ExecutionResult(
        ExecutionOutcome outcome,
        Integer exitCode,
        String stdout,
        String stderr,
        String failureReason,
        PhaseTimings timings) {
}
