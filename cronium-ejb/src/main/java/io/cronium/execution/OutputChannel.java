package io.cronium.execution;

/**
 * Where a line of run output came from. SYSTEM lines are Cronium's own notes (e.g. "not sandboxed"); LOG lines are
 * the script's structured log (cronium.log), shown apart from its stdout.
 */
public enum OutputChannel {
    STDOUT, STDERR, SYSTEM, LOG
}
