package io.cronium.scheduling.entity;

/** What became of a schedule slot: a job was enqueued for it, or it was skipped by the misfire policy. */
public enum SlotOutcome {
    ENQUEUED, MISSED
}
