package io.cronium.execution.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerCircuitTest {

    final AtomicLong now = new AtomicLong();
    final ServerCircuit circuit = new ServerCircuit(3, Duration.ofSeconds(30), now::get);

    @Test
    void opensAfterThreeFailuresInARowAndLetsOneTrialThroughLater() {
        circuit.failed("refused");
        circuit.failed("refused");
        assertTrue(circuit.allows(), "two failures: still closed");
        circuit.failed("refused");
        assertEquals(ServerCircuit.State.OPEN, circuit.state());
        assertFalse(circuit.allows());
        assertEquals(30, circuit.secondsUntilRetry());
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(circuit.allows(), "one trial after the open time");
        assertEquals(ServerCircuit.State.HALF_OPEN, circuit.state());
        assertFalse(circuit.allows(), "only one");
        circuit.failed("still refused");
        assertEquals(ServerCircuit.State.OPEN, circuit.state(), "a failed trial opens it again at once");
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(circuit.allows());
        circuit.succeeded();
        assertEquals(ServerCircuit.State.CLOSED, circuit.state());
        assertTrue(circuit.allows());
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        circuit.failed("x");
        circuit.failed("x");
        circuit.succeeded();
        circuit.failed("x");
        circuit.failed("x");
        assertEquals(ServerCircuit.State.CLOSED, circuit.state());
    }
}
