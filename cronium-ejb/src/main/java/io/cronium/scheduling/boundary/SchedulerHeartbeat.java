package io.cronium.scheduling.boundary;

import io.cronium.jobs.control.JobDispatcher;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The only EJB timer of scheduling: a non-persistent tick every second on every node. All state lives in the
 * database (events.next_fire_at, schedule_slots), so a restart or a second node changes nothing about what runs.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SchedulerHeartbeat {

    private static final Logger LOG = Logger.getLogger(SchedulerHeartbeat.class.getName());

    private final AtomicBoolean running = new AtomicBoolean();

    @EJB
    SchedulerPass pass;

    @EJB
    JobDispatcher dispatcher;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous pass is still busy: skipping is safe, the next tick finds what is due
        }
        try {
            if (!pass.fireDue(Instant.now()).isEmpty()) {
                dispatcher.dispatch();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scheduler pass failed; the next tick retries", e);
        } finally {
            running.set(false);
        }
    }
}
