package io.cronium.jobs.entity;

import java.util.EnumSet;
import java.util.Set;

/**
 * The job state machine. Every status change goes through {@link #canMoveTo}; the database update that performs
 * it is conditional on the expected current status, so two nodes racing for the same change cannot both win.
 *
 * <pre>
 * QUEUED -> CLAIMED -> RUNNING -> COMPLETED | FAILED
 *   |  \       |  \     /  \---> CANCELLED
 *   |   \------|---\---/ (claimed and started at once: a job its node may re-run after a lost lease)
 *   |          |    \-> QUEUED (lease expired before start; from RUNNING: a retry, a recovery, or a start given
 *   |          |                back before its script began)
 *   \----------\-----> CANCELLED
 * </pre>
 */
public enum JobStatus {
    QUEUED, CLAIMED, RUNNING, COMPLETED, FAILED, CANCELLED;

    private Set<JobStatus> next;

    static {
        QUEUED.next = EnumSet.of(CLAIMED, RUNNING, CANCELLED);
        CLAIMED.next = EnumSet.of(RUNNING, QUEUED, CANCELLED, FAILED);
        RUNNING.next = EnumSet.of(COMPLETED, FAILED, CANCELLED, QUEUED);
        COMPLETED.next = EnumSet.noneOf(JobStatus.class);
        FAILED.next = EnumSet.noneOf(JobStatus.class);
        CANCELLED.next = EnumSet.noneOf(JobStatus.class);
    }

    public boolean canMoveTo(JobStatus target) {
        return next.contains(target);
    }

    public boolean isFinal() {
        return next.isEmpty();
    }

    /** @throws IllegalJobTransitionException when the machine forbids the move */
    public JobStatus moveTo(JobStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalJobTransitionException(this, target);
        }
        return target;
    }

    public static Set<JobStatus> from(JobStatus target) {
        var sources = EnumSet.noneOf(JobStatus.class);
        for (var s : values()) {
            if (s.canMoveTo(target)) {
                sources.add(s);
            }
        }
        return sources;
    }
}
