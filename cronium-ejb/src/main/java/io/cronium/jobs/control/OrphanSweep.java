package io.cronium.jobs.control;

import io.cronium.execution.container.DockerEngine;
import io.cronium.execution.container.RunLeftovers;
import io.cronium.execution.container.RunLeftovers.Leftover;
import io.cronium.logs.control.RunRecorder;
import io.cronium.platform.Installation;
import io.cronium.platform.NodeIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes what runs left on the Docker engine once no live attempt owns it: a node that died (or restarted: its
 * id changes) cannot finish its containers, and its jobs are recovered by the lease reaper per their recovery policy,
 * so the old containers are killed, not adopted. Runs shortly after start-up and then every minute; containers of
 * attempts that still hold a lease (on this node or another sharing the engine), and those of other installations
 * sharing the engine, are left alone.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OrphanSweep {

    private static final Logger LOG = Logger.getLogger(OrphanSweep.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DockerEngine engine;

    @Inject
    RunningJobs running;

    @Inject
    NodeIdentity node;

    @Inject
    Installation installation;

    @EJB
    JobQueue queue;

    @EJB
    RunRecorder recorder;

    @Inject
    @ConfigProperty(name = "cronium.docker.sweep-every-seconds", defaultValue = "60")
    int everySeconds;

    @PostConstruct
    void init() {
        // not in the start-up itself: an engine that hangs must not delay the application
        timers.createIntervalTimer(3_000, everySeconds * 1000L, new TimerConfig("orphan-sweep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void sweep() {
        if (!engine.reachable()) {
            return;
        }
        try {
            int removed = sweepOnce();
            if (removed > 0) {
                LOG.info(() -> "removed the containers of " + removed + " runs that no node runs any more");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweeping leftover containers failed; the next sweep retries", e);
        }
    }

    /** Returns how many executions' leftovers it removed. */
    public int sweepOnce() {
        var leftovers = new RunLeftovers(engine.client());
        List<Leftover> found = leftovers.list(installation.id());
        if (found.isEmpty()) {
            return 0;
        }
        Set<String> live = new HashSet<>();
        running.attempts().forEach((jobId, attempt) -> live.add(jobId + "/" + attempt));
        live.addAll(queue.attemptsHoldingLeases(found.stream().map(Leftover::jobId).toList()));
        int removed = 0;
        for (Leftover leftover : found) {
            if (live.contains(leftover.jobId() + "/" + leftover.attempt())) {
                continue;
            }
            leftovers.remove(leftover);
            removed++;
            recorder.noteOnExecution(leftover.executionId(), "[cronium] container of this run found on the engine "
                    + "after its node (" + leftover.node() + ") stopped running it; killed and removed by "
                    + node.id());
        }
        return removed;
    }
}
