package io.cronium.jobs.control;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this node's workers busy. A free worker gets a job claimed and started for it (one transaction, committed
 * before its script begins); a worker that ends a run hands its end to the {@link HandoverGroup}, asking for its
 * next jobs, and meanwhile begins one this node holds started already ({@link JobsAhead}, about one per busy worker),
 * so that it never waits for a commit between two runs (docs/BENCHMARKS.md: what db-scheduler's executors do).
 * Woken after every enqueue commit and after every finished worker; a one-second non-persistent EJB timer is the
 * heartbeat that catches jobs enqueued by other nodes or whose retry time arrived, and gives back the jobs that
 * waited too long here for a worker.
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
    JobsAhead ahead;

    @Inject
    GiveBack giveBack;

    @Inject
    HandoverGroup handovers;

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
     * Set when jobs held here waited too long (every worker busy with long runs): until a worker frees up, this node
     * holds none ahead, so that those jobs go to nodes with free workers instead of back and forth.
     */
    private volatile boolean saturated;
    /** Set at shutdown: nothing more is claimed or handed out. */
    private volatile boolean stopping;
    private volatile Semaphore freeWorkers;
    private volatile Wakeups wakeups;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void heartbeat() {
        List<JobsAhead.JobAhead> overdue = ahead.overdue(Instant.now());
        if (!overdue.isEmpty()) {
            saturated = true;
            giveBack.giveBack(overdue, "no worker here for " + JobsAhead.MAX_WAIT.toSeconds() + " s");
        }
        dispatch();
    }

    /**
     * Stops handing out work, gives back the jobs held here that nobody here will begin, then waits (up to the grace
     * period) for the running jobs to end: a run cut off by the stop would fail outside its script and, with its
     * lease left to run out, be run again by its recovery policy even when its script had finished. Called as the web module stops
     * (before the business beans do); again, as a fallback, when this bean is destroyed.
     */
    @PreDestroy
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // waits; gives back in its own transaction
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        giveBack.giveBack(ahead.close(), "the node stops");
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

    public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) JobQueued queued) {
        dispatch();
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
     * Hands the jobs held here to free workers, then claims for the workers still free: as many jobs again are
     * started and held for them (each a job ahead, unless the node is saturated). Safe to run concurrently: one
     * caller claims at a time, and claims skip the rows other nodes hold.
     */
    public void dispatch() {
        if (stopping) {
            return;
        }
        Semaphore free = freeWorkers();
        while (ahead.size() > 0 && free.tryAcquire()) {
            JobsAhead.JobAhead job = ahead.next();
            if (job == null) {
                free.release();
                break;
            }
            handOrGiveBack(job);
        }
        claim(free);
    }

    private void claim(Semaphore free) {
        if (!claiming.tryLock()) {
            return;
        }
        int startNow = free.drainPermits();
        try {
            if (startNow == 0 || stopping) {
                return;
            }
            List<JobsAhead.JobAhead> taken = starts.claim(node.id(), leases.seconds(), saturated ? startNow : 2 * startNow);
            int handed = Math.min(startNow, taken.size());
            free.release(startNow - handed);
            startNow = 0;
            taken.subList(0, handed).forEach(this::handOrGiveBack); // each holds one of the permits drained above
            giveBack.giveBack(ahead.add(taken.subList(handed, taken.size())), "the node stops");
        } catch (ClaimRaceLost e) {
            LOG.fine(e::getMessage);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "claiming jobs failed; retrying at the next heartbeat", e);
        } finally {
            free.release(startNow);
            claiming.unlock();
        }
    }

    /** Gives {@code job} to a worker, for which the caller acquired a permit, or back to the queue as the node stops. */
    private void handOrGiveBack(JobsAhead.JobAhead job) {
        if (!hand(() -> work(job))) {
            giveBack.giveBack(List.of(job), "the node stops");
        }
    }

    /**
     * A worker's work: its job, and each next one. As a run ends, the worker takes the next job held here and hands
     * the end over to be written, asking for a job for itself when none was held, and for one to hold ahead while
     * fewer are held (or asked for) than there are workers; it waits for the write only when it holds nothing to run
     * meanwhile.
     */
    private void work(JobsAhead.JobAhead first) {
        for (var run = begun(first); run.isPresent(); ) {
            JobRunner.Ended ended = runner.execute(run.get());
            JobsAhead.JobAhead next = stopping ? null : ahead.next();
            boolean room = !saturated && ahead.size() + handovers.startsAskedFor() < Math.max(1, workerCount);
            int wanted = stopping ? 0 : (next == null ? 1 : 0) + (room ? 1 : 0);
            CompletableFuture<Void> written = runner.record(ended, wanted);
            if (next == null) {
                written.join();
                saturated = false; // nothing waited here for this worker
                next = stopping ? null : ahead.next();
            }
            run = Optional.empty();
            while (next != null && (run = begun(next)).isEmpty()) { // a claimed one cancelled or taken meanwhile
                next = ahead.next();
            }
        }
    }

    /**
     * The run of a job held here: started already, or, for a job only claimed (its event may not re-run it after a
     * lost node), started now, as its script begins; empty when it was cancelled or is no longer this node's.
     */
    private Optional<RunStarts.StartedRun> begun(JobsAhead.JobAhead job) {
        return job.started() ? Optional.of(job.run()) : starts.start(node.id(), job.job());
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
