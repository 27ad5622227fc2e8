package io.cronium.jobs.control;

import io.cronium.platform.NodeIdentity;
import io.cronium.platform.Wakeups;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps this node's workers busy: claims due jobs while a worker is free and hands each to the job runner.
 * Woken after every enqueue commit and after every finished job; a one-second non-persistent EJB timer is the
 * heartbeat that catches jobs enqueued by other nodes or whose retry time arrived.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobDispatcher {

    private static final Logger LOG = Logger.getLogger(JobDispatcher.class.getName());

    @Resource
    ManagedExecutorService workers;

    @EJB
    JobQueue queue;

    @EJB
    JobRunner runner;

    @Inject
    NodeIdentity node;

    @Inject
    @ConfigProperty(name = "cronium.workers", defaultValue = "4")
    int workerCount;

    @Inject
    @ConfigProperty(name = "cronium.jobs.lease-seconds", defaultValue = "30")
    int leaseSeconds;

    @Inject
    @ConfigProperty(name = "cronium.timer-minimum-delay-ms", defaultValue = "1000")
    long timerMinimumDelayMillis;

    @Resource
    TimerService timers;

    private volatile Semaphore freeWorkers;
    private volatile Wakeups wakeups;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void heartbeat() {
        dispatch();
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
     * Claims jobs until none is due or no worker is free. Safe to run concurrently: claims skip locked rows. Due
     * FORBID runs that overlap a running one are skipped first, at the moment they would otherwise start.
     */
    public void dispatch() {
        try {
            queue.skipForbiddenOverlaps();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipping overlapping runs failed; retrying at the next heartbeat", e);
        }
        Semaphore free = freeWorkers();
        while (free.tryAcquire()) {
            ClaimedJob job;
            try {
                job = queue.claimNext(node.id(), leaseSeconds).orElse(null);
            } catch (RuntimeException e) {
                free.release();
                LOG.log(Level.WARNING, "claiming jobs failed; retrying at the next heartbeat", e);
                return;
            }
            if (job == null) {
                free.release();
                return;
            }
            workers.execute(() -> {
                try {
                    runner.run(job);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "job " + job.jobId() + " failed outside its script", e);
                } finally {
                    free.release();
                }
                dispatch();
            });
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
