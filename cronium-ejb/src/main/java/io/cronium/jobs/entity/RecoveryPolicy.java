package io.cronium.jobs.entity;

/** What the reaper does with a run whose node stopped renewing its lease (the node died or lost the database). */
public enum RecoveryPolicy {
    /** Runs it again as a new attempt; scripts see CRONIUM_ATTEMPT and can be idempotent. */
    RERUN,
    /** Ends it FAILED with the reason. */
    FAIL;

    public static RecoveryPolicy parse(String value) {
        return value == null ? RERUN : valueOf(value);
    }
}
