package io.cronium.logs.entity;

/** How long the setup, execution and cleanup phases of a run took, in milliseconds. */
public record PhaseTimings(long setupMs, long executionMs, long cleanupMs) {

    public long totalMs() {
        return setupMs + executionMs + cleanupMs;
    }
}
