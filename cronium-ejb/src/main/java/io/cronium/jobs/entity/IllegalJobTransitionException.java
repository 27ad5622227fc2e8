package io.cronium.jobs.entity;

/** A status change the job state machine does not allow, e.g. completing a job twice. */
public class IllegalJobTransitionException extends RuntimeException {

    public IllegalJobTransitionException(JobStatus from, JobStatus to) {
        super("a job cannot go from " + from + " to " + to);
    }
}
