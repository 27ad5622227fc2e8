package io.cronium.jobs.entity;

import static io.cronium.jobs.entity.JobStatus.CANCELLED;
import static io.cronium.jobs.entity.JobStatus.CLAIMED;
import static io.cronium.jobs.entity.JobStatus.COMPLETED;
import static io.cronium.jobs.entity.JobStatus.FAILED;
import static io.cronium.jobs.entity.JobStatus.QUEUED;
import static io.cronium.jobs.entity.JobStatus.RUNNING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStatusTest {

    @Test
    void theHappyPathIsAllowed() {
        assertEquals(COMPLETED, QUEUED.moveTo(CLAIMED).moveTo(RUNNING).moveTo(COMPLETED));
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"COMPLETED", "FAILED", "CANCELLED"})
    void finalStatusesGoNowhere(JobStatus status) {
        assertTrue(status.isFinal());
        for (JobStatus target : JobStatus.values()) {
            assertFalse(status.canMoveTo(target), status + " -> " + target);
        }
    }

    @Test
    void completingTwiceIsRefused() {
        assertThrows(IllegalJobTransitionException.class, () -> COMPLETED.moveTo(COMPLETED));
    }

    @Test
    void aQueuedJobCanBeClaimedAndStartedAtOnceButNotEndWithoutRunning() {
        assertEquals(RUNNING, QUEUED.moveTo(RUNNING));
        assertThrows(IllegalJobTransitionException.class, () -> QUEUED.moveTo(COMPLETED));
        assertThrows(IllegalJobTransitionException.class, () -> QUEUED.moveTo(FAILED));
    }

    @Test
    void cancellationIsPossibleUntilTheJobEnds() {
        assertEquals(EnumSet.of(QUEUED, CLAIMED, RUNNING), JobStatus.from(CANCELLED));
    }

    @Test
    void aJobWhoseLeaseExpiredCanReturnToTheQueue() {
        assertTrue(CLAIMED.canMoveTo(QUEUED));
        assertTrue(RUNNING.canMoveTo(QUEUED));
        assertEquals(EnumSet.of(CLAIMED, RUNNING), JobStatus.from(FAILED));
    }
}
