package io.cronium.jobs.control;

import io.cronium.execution.ExecutorRegistry;
import io.cronium.execution.ssh.SshExecutor;
import io.cronium.execution.ssh.SshFailure;
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
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stops on their servers what remote runs of lost attempts left running (their node died mid-run; the lease reaper
 * recorded them): the script's process group is killed and its payload removed, and the run says so. A server that
 * cannot be reached is tried again (5 s, doubling, at most every 10 min) for a day, then the run says it was not
 * stopped. A re-run on the same server stops its earlier attempt by itself before it starts (SshExecutor).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RemoteLeftoverSweep {

    private static final Logger LOG = Logger.getLogger(RemoteLeftoverSweep.class.getName());

    @Resource
    TimerService timers;

    @EJB
    RemoteLeftovers leftovers;

    @Inject
    ExecutorRegistry executors;

    @Inject
    NodeIdentity node;

    @Inject
    @ConfigProperty(name = "cronium.ssh.sweep-every-seconds", defaultValue = "30")
    int everySeconds;

    @PostConstruct
    void init() {
        timers.createIntervalTimer(everySeconds * 1000L, everySeconds * 1000L, new TimerConfig("remote-leftovers", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // SSH outside any transaction
    void sweep() {
        try {
            List<RemoteLeftovers.Claim> due = leftovers.claim(20);
            for (RemoteLeftovers.Claim claim : due) {
                stop(claim);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweeping remote leftovers failed; the next sweep retries", e);
        }
    }

    private void stop(RemoteLeftovers.Claim claim) {
        String lost = "the lost attempt (its node " + claim.node() + " stopped running it)";
        if (claim.target() == null) {
            leftovers.settle(claim.executionId(), "[cronium] " + lost + " was not stopped on " + claim.server() + ": "
                    + claim.unreachable());
            return;
        }
        try {
            var found = executors.ssh().stopLeftovers(List.of(claim.serverId(), claim.target()), claim.target(),
                    claim.executionId());
            leftovers.settle(claim.executionId(), found == SshExecutor.Leftovers.STOPPED
                    ? "[cronium] " + lost + " was still running on " + claim.server() + ": its process group was killed"
                            + " by " + node.id()
                    : "[cronium] nothing of " + lost + " was left running on " + claim.server());
        } catch (SshFailure e) {
            if (claim.givenUp()) {
                leftovers.settle(claim.executionId(), "[cronium] " + lost + " could not be stopped on " + claim.server()
                        + " within " + RemoteLeftovers.GIVE_UP_HOURS + " h (" + e.getMessage() + "); its directory is /tmp/"
                        + "cronium-run-" + claim.executionId());
            } else {
                LOG.warning(() -> "stopping what " + lost + " left on " + claim.server() + " failed, tried again later: "
                        + e.getMessage());
                leftovers.retryLater(claim.executionId(), e.getMessage());
            }
        } catch (InterruptedException e) {
            // a pooled timer thread must not keep the flag; the claim is tried again when it falls due
            LOG.warning(() -> "stopping what " + lost + " left on " + claim.server() + " was interrupted");
            leftovers.retryLater(claim.executionId(), "interrupted");
        }
    }
}
