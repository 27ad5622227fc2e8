package io.cronium.workflows.entity;

/** What a failing step does to the rest of the workflow run. */
public enum ErrorHandling {
    CONTINUE, FAIL_FAST
}
