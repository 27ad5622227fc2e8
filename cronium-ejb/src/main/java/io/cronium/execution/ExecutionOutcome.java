package io.cronium.execution;

/** How an execution ended, before it is turned into a log status. */
public enum ExecutionOutcome {
    SUCCEEDED, FAILED, TIMED_OUT, CANCELLED
}
