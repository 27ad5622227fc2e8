package io.cronium.logs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionResult;
import io.cronium.logs.entity.LogStatus;
import io.cronium.logs.entity.PhaseTimings;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunAggregateTest {

    static RunAggregate.End end(String server, ExecutionOutcome outcome, Integer exit, String reason, long ms) {
        return new RunAggregate.End("exec_" + server, server, new ExecutionResult(outcome, exit, server + " out\n", "",
                reason, new PhaseTimings(1, ms, 1)));
    }

    @Test
    void oneExecutionIsTheRun() {
        var run = RunAggregate.of(List.of(end(null, ExecutionOutcome.FAILED, 3, "exit code 3", 10)));
        assertEquals(LogStatus.FAILURE, run.status());
        assertEquals(3, run.exitCode());
        assertEquals("null out\n", run.output());
        assertEquals("[cronium] exit code 3\n", run.error());
    }

    @Test
    void allSucceededIsSuccessAndTakesTheSlowestServersTime() {
        var run = RunAggregate.of(List.of(end("a", ExecutionOutcome.SUCCEEDED, 0, null, 100),
                end("b", ExecutionOutcome.SUCCEEDED, 0, null, 2000)));
        assertEquals(LogStatus.SUCCESS, run.status());
        assertEquals(0, run.exitCode());
        assertEquals("== a ==\na out\n== b ==\nb out\n", run.output());
        assertEquals(2002, run.timings().executionMs());
    }

    @Test
    void someFailedIsPartialWithExitCode100AndTheFailedServersNamed() {
        var run = RunAggregate.of(List.of(end("a", ExecutionOutcome.SUCCEEDED, 0, null, 1),
                end("b", ExecutionOutcome.FAILED, null, "TCP connect failed: refused", 1),
                end("c", ExecutionOutcome.TIMED_OUT, null, "timed out after 5 s", 1)));
        assertEquals(LogStatus.PARTIAL, run.status());
        assertEquals(RunAggregate.PARTIAL_EXIT_CODE, run.exitCode());
        assertTrue(run.error().endsWith("[cronium] 2 of 3 servers failed: b (TCP connect failed: refused); "
                + "c (timed out after 5 s)\n"), run.error());
    }

    @Test
    void noneSucceededIsTheirCommonOutcomeOrFailure() {
        var timeouts = RunAggregate.of(List.of(end("a", ExecutionOutcome.TIMED_OUT, null, "t", 1),
                end("b", ExecutionOutcome.TIMED_OUT, null, "t", 1)));
        assertEquals(LogStatus.TIMEOUT, timeouts.status());
        assertNull(timeouts.exitCode());
        var mixed = RunAggregate.of(List.of(end("a", ExecutionOutcome.TIMED_OUT, null, "t", 1),
                end("b", ExecutionOutcome.FAILED, 1, "exit code 1", 1)));
        assertEquals(LogStatus.FAILURE, mixed.status());
    }
}
