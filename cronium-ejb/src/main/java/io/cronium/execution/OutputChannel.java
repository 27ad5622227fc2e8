package io.cronium.execution;

/** Where a line of run output came from. SYSTEM lines are Cronium's own notes (e.g. "not sandboxed"). */
public enum OutputChannel {
    STDOUT, STDERR, SYSTEM
}
