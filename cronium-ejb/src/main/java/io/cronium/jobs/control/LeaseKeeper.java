package io.cronium.jobs.control;

import io.cronium.platform.NodeIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every second: renews the leases of the runs on this node, and stops those cancelled on another node or whose
 * lease was lost (the reaper gave them to someone else, so their result would not count). Every few seconds:
 * recovers the jobs of nodes that stopped renewing.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());
    private static final int REAP_BATCH = 100;

    @EJB
    JobQueue queue;

    @EJB
    JobDispatcher dispatcher;

    @Inject
    RunningJobs running;

    @Inject
    JobsAhead ahead;

    @Inject
    GiveBack giveBack;

    @Inject
    NodeIdentity node;

    @Inject
    Leases leases;

    @Inject
    @ConfigProperty(name = "cronium.jobs.reap-every-seconds", defaultValue = "5")
    int reapEverySeconds;

    @Inject
    @ConfigProperty(name = "cronium.jobs.max-recoveries", defaultValue = "3")
    int maxRecoveries;

    private final AtomicLong ticks = new AtomicLong();
    private LeaseReaper reaper;

    @PostConstruct
    void init() {
        reaper = new LeaseReaper(maxRecoveries);
    }

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void tick() {
        try {
            renew();
            if (ticks.incrementAndGet() % Math.max(1, reapEverySeconds) == 0) {
                reap();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease upkeep failed; the next tick retries", e);
        }
    }

    private void renew() {
        Map<Long, Integer> mine = running.attempts(); // with the jobs held here started
        Map<Long, Integer> waiting = ahead.claimedAttempts();
        if (mine.isEmpty() && waiting.isEmpty()) {
            return;
        }
        Map<Long, Integer> all = new HashMap<>(waiting);
        all.putAll(mine);
        Map<Long, Boolean> kept = queue.renewLeases(node.id(), all, leases.seconds());
        waiting.keySet().stream().filter(jobId -> !mine.containsKey(jobId) && !kept.containsKey(jobId))
                .forEach(ahead::drop); // given back or cancelled: its start would find it no longer ours anyway
        mine.forEach((jobId, attempt) -> {
            Boolean cancelRequested = kept.get(jobId);
            if (cancelRequested == null && ahead.drop(jobId)) {
                running.ended(jobId); // started, but its worker had not taken it: it never begins here
            } else if (cancelRequested == null) {
                running.stop(jobId, attempt, "this node lost the job's lease");
            } else if (cancelRequested && !giveBack.cancelHeld(jobId)) {
                running.stop(jobId, attempt, "cancelled by a user");
            }
        });
    }

    private void reap() {
        var reaped = queue.reapExpiredLeases(reaper, REAP_BATCH);
        if (!reaped.isEmpty()) {
            reaped.forEach(r -> LOG.warning(() -> "job " + r.jobId() + " attempt " + r.attempt() + " lost node "
                    + r.node() + ": " + r.outcome()));
            dispatcher.dispatch();
        }
    }
}
