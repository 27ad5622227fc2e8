package io.cronium.jobs.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * The jobs this node holds ahead of its workers, so that a worker that frees up begins its next run without waiting
 * for a commit: started (RUNNING, their records written) when their event may re-run them after a lost node, only
 * claimed otherwise. Handed out most urgent first, as the queue orders them (priority, due time, id); one that waits
 * too long for a worker here, and all of them at shutdown, are given back to the queue ({@link GiveBack}).
 */
@ApplicationScoped
public class JobsAhead {

    /** How long a job may wait for a worker of this node before another node should have it. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    /** A job held here: {@code run} is its started run, or null when it is only claimed. */
    public record JobAhead(ClaimedJob job, RunStarts.StartedRun run) {

        public boolean started() {
            return run != null;
        }
    }

    private record Waiting(JobAhead ahead, Instant since) {
    }

    private final PriorityBlockingQueue<Waiting> waiting = new PriorityBlockingQueue<>(16, Comparator
            .comparing((Waiting w) -> -w.ahead().job().priority())
            .thenComparing(w -> w.ahead().job().runAt())
            .thenComparing(w -> w.ahead().job().jobId()));

    /** Set at shutdown: nothing more is held, what arrives goes back at once. */
    private volatile boolean closed;

    @Inject
    RunningJobs running;

    /**
     * Holds {@code jobs}; the started ones join {@link RunningJobs}, so that their leases are renewed and a cancel
     * reaches them before they begin.
     * @return the jobs refused because the node stops, for the caller to give back
     */
    List<JobAhead> add(List<JobAhead> jobs) {
        jobs.stream().filter(JobAhead::started).forEach(job -> running.started(job.job().jobId(), job.job().attempt()));
        Instant now = Instant.now();
        jobs.forEach(job -> waiting.add(new Waiting(job, now)));
        return closed ? drain() : List.of();
    }

    /** The next job for a free worker, or null. */
    JobAhead next() {
        Waiting next = waiting.poll();
        return next == null ? null : next.ahead();
    }

    int size() {
        return waiting.size();
    }

    /** Job id to attempt of the jobs only claimed, for renewing their leases (the started ones run, as it were). */
    Map<Long, Integer> claimedAttempts() {
        Map<Long, Integer> attempts = new HashMap<>();
        waiting.stream().filter(w -> !w.ahead().started())
                .forEach(w -> attempts.put(w.ahead().job().jobId(), w.ahead().job().attempt()));
        return attempts;
    }

    /**
     * Forgets a job this node no longer holds (its lease was lost, or it was cancelled).
     * @return whether it was still here (not taken by a worker)
     */
    boolean drop(long jobId) {
        return waiting.removeIf(w -> w.ahead().job().jobId() == jobId);
    }

    /** Takes out a job held here, if a worker has not taken it. */
    java.util.Optional<JobAhead> take(long jobId) {
        for (Waiting w : waiting) {
            if (w.ahead().job().jobId() == jobId && waiting.remove(w)) {
                return java.util.Optional.of(w.ahead());
            }
        }
        return java.util.Optional.empty();
    }

    /** Takes out the jobs that waited longer than {@link #MAX_WAIT} at {@code now}, to give them back. */
    List<JobAhead> overdue(Instant now) {
        List<JobAhead> overdue = new ArrayList<>();
        for (Waiting w : waiting) {
            if (w.since().plus(MAX_WAIT).isBefore(now) && waiting.remove(w)) {
                overdue.add(w.ahead());
            }
        }
        return overdue;
    }

    /** Takes out every job, to give them back; from now on none is held. */
    List<JobAhead> close() {
        closed = true;
        return drain();
    }

    private List<JobAhead> drain() {
        List<JobAhead> all = new ArrayList<>();
        for (Waiting w = waiting.poll(); w != null; w = waiting.poll()) {
            all.add(w.ahead());
        }
        return all;
    }
}
