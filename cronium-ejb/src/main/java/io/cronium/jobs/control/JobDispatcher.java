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
import java.util.List;
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
     * Claims jobs, as many at once as workers are free, until none is due or no worker is free. Safe to run
     * concurrently: claims skip the rows others hold.
     */
    public void dispatch() {
        Semaphore free = freeWorkers();
        while (true) {
            int wanted = free.drainPermits();
            if (wanted == 0) {
                return;
            }
            List<RunStarts.StartedRun> jobs;
            try {
                jobs = starts.claimAndStart(node.id(), leases.seconds(), wanted);
            } catch (RuntimeException e) {
                free.release(wanted);
                LOG.log(Level.WARNING, "claiming jobs failed; retrying at the next heartbeat", e);
                return;
            }
            free.release(wanted - jobs.size());
            for (RunStarts.StartedRun run : jobs) {
                workers.execute(() -> {
                    try {
                        runner.run(run);
                    } catch (RuntimeException e) {
                        LOG.log(Level.SEVERE, "job " + run.job().jobId() + " failed outside its script", e);
                    } finally {
                        free.release();
                    }
                    dispatch();
                });
            }
            if (jobs.size() < wanted) {
                return;
            }
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
