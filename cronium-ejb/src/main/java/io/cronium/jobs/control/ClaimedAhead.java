package io.cronium.jobs.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * The jobs this node claimed ahead of its workers (CLAIMED, not started), so that a worker that frees up starts its
 * next job without waiting for a claim. Handed out most urgent first, as the queue orders them (priority, due time,
 * id), so that a more urgent job claimed later overtakes them; their leases are renewed with the running ones; one
 * that waits too long for a worker here, and all of them at shutdown, are given back to the queue.
 */
@ApplicationScoped
public class ClaimedAhead {

    /** How long a claimed job may wait for a worker of this node before another node should have it. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private record Waiting(ClaimedJob job, Instant since) {
    }

    private final PriorityBlockingQueue<Waiting> waiting = new PriorityBlockingQueue<>(16, Comparator
            .comparing((Waiting w) -> -w.job().priority())
            .thenComparing(w -> w.job().runAt())
            .thenComparing(w -> w.job().jobId()));

    void add(List<ClaimedJob> jobs) {
        Instant now = Instant.now();
        jobs.forEach(job -> waiting.add(new Waiting(job, now)));
    }

    /** The next job for a free worker, or null. */
    ClaimedJob next() {
        Waiting next = waiting.poll();
        return next == null ? null : next.job();
    }

    int size() {
        return waiting.size();
    }

    /** The priority rank of the least urgent job waiting here, or {@link Integer#MAX_VALUE} when none waits. */
    int leastUrgent() {
        return waiting.stream().mapToInt(w -> w.job().priority()).min().orElse(Integer.MAX_VALUE);
    }

    /** Job id to attempt, for renewing their leases. */
    Map<Long, Integer> attempts() {
        Map<Long, Integer> attempts = new HashMap<>();
        waiting.forEach(w -> attempts.put(w.job().jobId(), w.job().attempt()));
        return attempts;
    }

    /** Forgets a job whose claim this node no longer holds (its lease was lost, or it was cancelled). */
    void drop(long jobId) {
        waiting.removeIf(w -> w.job().jobId() == jobId);
    }

    /** Takes out the jobs that waited longer than {@link #MAX_WAIT} at {@code now}, to give them back. */
    List<ClaimedJob> overdue(Instant now) {
        List<ClaimedJob> overdue = new ArrayList<>();
        for (Waiting w : waiting) {
            if (w.since().plus(MAX_WAIT).isBefore(now) && waiting.remove(w)) {
                overdue.add(w.job());
            }
        }
        return overdue;
    }

    /** Takes out every job, to give them back. */
    List<ClaimedJob> drain() {
        List<ClaimedJob> all = new ArrayList<>();
        for (Waiting w = waiting.poll(); w != null; w = waiting.poll()) {
            all.add(w.job());
        }
        return all;
    }
}
