package io.cronium.workflows.control;

import java.util.List;

/**
 * Jobs of a workflow run's steps to stop once the decision to stop them has committed (FAIL_FAST, a cancelled run).
 * Stopping after the commit, each in a transaction of its own, keeps the lock order of a step's end (its job, then
 * its run): stopping inside the run's lock could deadlock with a sibling that is ending at the same moment.
 */
public record StepsToStop(List<Long> jobIds, String reason) {
}
