package io.cronium.execution.ssh;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one server, so that a dead host fails its runs at once instead of making each wait for a
 * connect timeout, and is tried again by itself. CLOSED: connect normally; after {@code threshold} failures in a
 * row, OPEN: refuse at once for {@code openFor}; then HALF_OPEN: one trial connection decides, CLOSED again on
 * success, OPEN again on failure. Only failures to reach the host count (DNS, TCP, handshake); a refused login or a
 * changed host key is an answer, not an outage.
 */
final class ServerCircuit {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;
    private String lastFailure;

    ServerCircuit(int threshold, Duration openFor, LongSupplier clock) {
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    /** Whether a connection may be tried now; an OPEN circuit whose time is up lets one trial through. */
    synchronized boolean allows() {
        if (state == State.OPEN && clock.getAsLong() - openedAt >= openForNanos) {
            state = State.HALF_OPEN;
            return true;
        }
        return state == State.CLOSED;
    }

    synchronized void succeeded() {
        state = State.CLOSED;
        failures = 0;
    }

    synchronized void failed(String reason) {
        lastFailure = reason;
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.getAsLong();
        }
    }

    /** A trial that never happened (the caller gave up before connecting) must not keep the circuit half open. */
    synchronized void abandoned() {
        if (state == State.HALF_OPEN) {
            state = State.OPEN;
        }
    }

    synchronized State state() {
        return state;
    }

    synchronized long secondsUntilRetry() {
        return Math.max(0, (openForNanos - (clock.getAsLong() - openedAt)) / 1_000_000_000L);
    }

    synchronized String lastFailure() {
        return lastFailure;
    }
}
