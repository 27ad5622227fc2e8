package io.cronium.jobs.control;

import io.cronium.platform.ApplicationDatabase;
import io.cronium.platform.NodeIdentity;
import io.cronium.platform.Wakeups;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this node's workers busy: keeps due jobs claimed ahead of them ({@link ClaimedAhead}, up to
 * {@code cronium.jobs.claim-ahead}, three per worker by default, as db-scheduler does) and hands each to a free
 * worker, which starts and runs it. A worker that frees up so finds its next job waiting instead of waiting for a
 * claim (docs/BENCHMARKS.md: 1.8x the no-op throughput). Woken after every enqueue commit and after every finished
 * job; a one-second non-persistent EJB timer is the heartbeat that catches jobs enqueued by other nodes or whose
 * retry time arrived, and gives back the claims that waited too long here for a worker.
 */
@Singleton
@Startup
@DependsOn({"DatabaseMigrations", "OutputFlusher"}) // stopped after this bean: the runs the stop waits for write output
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobDispatcher {

    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    @Resource
    ManagedExecutorService workers;

    @EJB
    RunStarts starts;

    @EJB
    JobRunner runner;

    @Inject
    NodeIdentity node;

    @Inject
    @ConfigProperty(name = "cronium.workers", defaultValue = "4")
    int workerCount;

    @Inject
    Leases leases;

    @Inject
    ClaimedAhead ahead;

    @Inject
    ApplicationDatabase database;

    @EJB
    JobQueue queue;

    /** How many due jobs this node keeps claimed ahead of its workers (0: three per worker). */
    @Inject
    @ConfigProperty(name = "cronium.jobs.claim-ahead", defaultValue = "0")
    int claimAhead;

    /** How long a stopping node waits for its running jobs to end and be recorded. */
    @Inject
    @ConfigProperty(name = "cronium.jobs.shutdown-grace-seconds", defaultValue = "20")
    int shutdownGraceSeconds;

    @Inject
    RunningJobs running;

    @Inject
    @ConfigProperty(name = "cronium.timer-minimum-delay-ms", defaultValue = "1000")
    long timerMinimumDelayMillis;

    @Resource
    TimerService timers;

    private final ReentrantLock claiming = new ReentrantLock();
    /**
     * Set when claimed jobs waited here too long (every worker busy with long runs): until a worker frees up, this
     * node claims no more ahead, so that those jobs go to nodes with free workers instead of back and forth.
     */
    private volatile boolean saturated;
    /** Set at shutdown: nothing more is claimed or handed out. */
    private volatile boolean stopping;
    private volatile Semaphore freeWorkers;
    private volatile Wakeups wakeups;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void heartbeat() {
        List<ClaimedJob> overdue = ahead.overdue(Instant.now());
        if (!overdue.isEmpty()) {
            saturated = true;
            giveBack(overdue, "no worker here for " + ClaimedAhead.MAX_WAIT.toSeconds() + " s");
        }
        // a more urgent job queued by another node, the scheduler or a retry, while less urgent ones wait here
        dispatch(ahead.size() > 0 ? mostUrgentDue() : -1);
    }

    private int mostUrgentDue() {
        try {
            return queue.mostUrgentDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reading the queue's most urgent job failed", e);
            return -1;
        }
    }

    /**
     * Stops handing out work, gives back the claims nobody here will start, then waits (up to the grace period) for
     * the running jobs to end: a run cut off by the stop would fail outside its script and, with its lease left to
     * run out, be run again by its recovery policy even when its script had finished. Called as the web module stops
     * (before the business beans do); again, as a fallback, when this bean is destroyed.
     */
    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // waits; gives back in its own transaction
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        giveBack(ahead.drain(), "the node stops");
        awaitRunningJobs();
    }

    private void awaitRunningJobs() {
        int workers = Math.max(1, workerCount);
        Semaphore free = freeWorkers();
        int busy = workers - free.availablePermits();
        if (busy <= 0) {
            return;
        }
        LOG.info(() -> "the node stops: waiting up to " + shutdownGraceSeconds + " s for " + busy + " running job"
                + (busy == 1 ? "" : "s") + " to end");
        try {
            if (free.tryAcquire(workers, shutdownGraceSeconds, TimeUnit.SECONDS)) {
                free.release(workers);
                LOG.info("the node stops: its running jobs have ended");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warning(() -> "the node stops with jobs still running " + running.attempts().keySet() + ": their leases"
                + " will run out and each event's recovery policy decides whether they run again");
    }

    /**
     * Claims nobody here will start (waited too long, or the node stops) are free for other nodes at once, not when
     * their leases run out. Plain JDBC: at a stop WildFly may have stopped the JobQueue bean already (and
     * {@code @DependsOn} on a non-singleton is refused by Payara).
     */
    private void giveBack(List<ClaimedJob> jobs, String why) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            database.call("giving back claimed jobs", c -> {
                JobTable.release(c, jobs);
                return null;
            });
            LOG.fine(() -> jobs.size() + " claimed jobs given back: " + why);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, jobs.size() + " claimed jobs could not be given back; their leases will run out", e);
        }
    }

    public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueued queued) {
        dispatch(queued.priority());
    }

    /** Claims at {@code at} precisely: jobs enqueued ahead of their slot wait until then (run_at). */
    public void wakeAt(Instant at) {
        if (wakeups().shouldArm(at, System.currentTimeMillis())) {
            timers.createSingleActionTimer(Date.from(at), new TimerConfig(at, false));
        }
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void precise(Timer timer) {
        wakeups().fired((Instant) timer.getInfo());
        dispatch();
    }

    private Wakeups wakeups() {
        if (wakeups == null) {
            wakeups = new Wakeups(timerMinimumDelayMillis, 3000);
        }
        return wakeups;
    }

    /**
     * Hands the jobs claimed ahead to free workers, then claims: jobs for the workers still free are started at once,
     * in the claim's transaction; up to the claim-ahead limit more are kept for the next workers to free up. Safe to
     * run concurrently: one caller claims at a time, and claims skip the rows other nodes hold.
     */
    public void dispatch() {
        dispatch(-1);
    }

    /**
     * As {@link #dispatch()}, knowing that a job of priority rank {@code queued} waits in the queue (-1: unknown): if
     * it is more urgent than a job claimed ahead here, it is claimed even when enough jobs wait here, and overtakes
     * them.
     */
    private void dispatch(int queued) {
        if (stopping) {
            return;
        }
        Semaphore free = freeWorkers();
        handOut(free);
        int leastUrgent = ahead.leastUrgent();
        if (claim(free, queued > leastUrgent ? leastUrgent + 1 : 0)) {
            handOut(free); // workers that freed up while this node claimed found nothing to take
        }
    }

    private void handOut(Semaphore free) {
        while (ahead.size() > 0 && free.tryAcquire()) {
            ClaimedJob job = ahead.next();
            if (job == null) {
                free.release();
                return;
            }
            if (!hand(() -> starts.start(node.id(), job).ifPresent(this::work))) {
                giveBack(List.of(job), "the node stops");
                return;
            }
        }
    }

    /**
     * @param overtaking 0, or (when a job more urgent than one claimed ahead here waits in the queue) the priority rank
     *                   from which jobs are claimed, however many wait here, to be handed out first
     * @return whether jobs were claimed ahead
     */
    private boolean claim(Semaphore free, int overtaking) {
        int workers = Math.max(1, workerCount);
        int limit = claimAhead > 0 ? claimAhead : 3 * workers;
        if ((ahead.size() >= Math.min(workers, limit) && overtaking == 0) || !claiming.tryLock()) {
            return false;
        }
        int startNow = free.drainPermits();
        try {
            int wanted = startNow + (overtaking > 0 ? Math.max(1, limit - ahead.size())
                    : saturated ? 0 : Math.max(0, limit - ahead.size()));
            if (wanted == 0) {
                return false;
            }
            var claimed = starts.claim(node.id(), leases.seconds(), wanted, startNow, overtaking);
            free.release(startNow - claimed.started().size());
            startNow = 0;
            ahead.add(claimed.ahead());
            for (RunStarts.StartedRun run : claimed.started()) { // each holds one of the permits drained above
                if (!hand(() -> work(run))) {
                    LOG.warning(() -> "job " + run.job().jobId() + " started as the node stops: its lease will run out");
                }
            }
            return !claimed.ahead().isEmpty();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "claiming jobs failed; retrying at the next heartbeat", e);
            return false;
        } finally {
            free.release(startNow);
            claiming.unlock();
        }
    }

    /** A worker's work: its run, and each next one it starts as it records the end of the one before. */
    private void work(RunStarts.StartedRun first) {
        for (var run = Optional.of(first); run.isPresent(); ) {
            run = runner.run(run.get());
            if (run.isPresent()) {
                dispatch(); // claims ahead again when the worker's hand-over took the jobs below one per worker
            }
        }
    }

    /**
     * The job claimed ahead that a worker finishing a run starts next (with that run's end, in one transaction), or
     * null when none waits or the node stops.
     */
    public ClaimedJob nextForWorker() {
        if (stopping) {
            return null;
        }
        return ahead.next();
    }

    /** A job taken for a hand-over that did not start: it waits for the next free worker again. */
    public void notStarted(ClaimedJob job) {
        ahead.add(List.of(job));
    }

    /**
     * Runs {@code work} on a worker, for which the caller acquired a permit: given back when the work is done; false
     * (and given back) when the workers no longer take work (shutting down).
     */
    private boolean hand(Runnable work) {
        Semaphore free = freeWorkers();
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "a job failed outside its script", e);
                } finally {
                    free.release();
                    saturated = false;
                }
                dispatch();
            });
            return true;
        } catch (RejectedExecutionException e) {
            free.release();
            return false;
        }
    }

    private Semaphore freeWorkers() {
        if (freeWorkers == null) {
            synchronized (this) {
                if (freeWorkers == null) {
                    freeWorkers = new Semaphore(Math.max(1, workerCount));
                }
            }
        }
        return freeWorkers;
    }
}
