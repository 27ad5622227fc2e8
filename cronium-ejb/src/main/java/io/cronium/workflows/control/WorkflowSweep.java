package io.cronium.workflows.control;

import io.cronium.platform.ApplicationDatabase;
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
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The safety net of workflow runs: a step whose run ended by a path that does not move its workflow on (a lease
 * reaper's FAIL, say) is found here and its run moved on, so no workflow run waits forever.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WorkflowSweep {

    private static final Logger LOG = Logger.getLogger(WorkflowSweep.class.getName());

    @Resource
    TimerService timers;

    @EJB
    WorkflowEngine engine;

    @Inject
    ApplicationDatabase database;

    @Inject
    @ConfigProperty(name = "cronium.workflows.sweep-every-seconds", defaultValue = "10")
    int everySeconds;

    @PostConstruct
    void init() {
        timers.createIntervalTimer(everySeconds * 1000L, everySeconds * 1000L, new TimerConfig("workflow-sweep", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void sweep() {
        try {
            for (long run : stalled()) {
                engine.advanceAlone(run);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sweeping workflow runs failed; the next sweep retries", e);
        }
    }

    private List<Long> stalled() {
        return database.call("finding stalled workflow runs", c -> {
            List<Long> runs = new ArrayList<>();
            try (var select = c.prepareStatement("""
                    select distinct s.workflow_execution_id
                      from workflow_execution_steps s
                      join workflow_executions w on w.id = s.workflow_execution_id
                      join logs l on l.id = s.log_id
                     where w.status = 'RUNNING' and s.status = 'RUNNING'
                       and l.status in ('SUCCESS', 'FAILURE', 'TIMEOUT', 'PARTIAL', 'CANCELLED', 'MISSED')
                     limit 100""");
                 var rows = select.executeQuery()) {
                while (rows.next()) {
                    runs.add(rows.getLong(1));
                }
            }
            return runs;
        });
    }
}
