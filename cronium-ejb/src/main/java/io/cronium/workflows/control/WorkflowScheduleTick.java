package io.cronium.workflows.control;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks for due workflow slots every second on every node (workflow schedules are minutes apart; a second's
 * granularity is enough). All state is in the database, so several nodes and restarts change nothing.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WorkflowScheduleTick {

    private static final Logger LOG = Logger.getLogger(WorkflowScheduleTick.class.getName());

    private final AtomicBoolean running = new AtomicBoolean();

    @EJB
    WorkflowScheduling scheduling;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            while (scheduling.fireDue(Instant.now()) >= WorkflowScheduling.BATCH) {
                // a burst: the next batch at once
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the workflow schedule pass failed; the next tick retries", e);
        } finally {
            running.set(false);
        }
    }
}
