package io.cronium.logs.entity;

import java.util.Map;

/**
 * How long the setup, execution and cleanup phases of a run took, in milliseconds, and, where the executor measures
 * them, the steps inside (network, image, container, ...), in the order they happened.
 */
public record PhaseTimings(long setupMs, long executionMs, long cleanupMs, Map<String, Long> steps) {

    public PhaseTimings {
        steps = steps == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
    }

    public PhaseTimings(long setupMs, long executionMs, long cleanupMs) {
        this(setupMs, executionMs, cleanupMs, Map.of());
    }

    public long totalMs() {
        return setupMs + executionMs + cleanupMs;
    }
}
