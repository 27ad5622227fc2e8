package io.cronium.jobs.entity;

/** What happens when an event is due while a run of it is still going on. */
public enum ConcurrencyPolicy {
    /** Runs side by side. */
    ALLOW,
    /** The new run is skipped and recorded as MISSED. */
    FORBID,
    /** The new run waits in the queue until the running one ends. */
    QUEUE;

    public static ConcurrencyPolicy parse(String value) {
        return value == null ? ALLOW : valueOf(value);
    }
}
