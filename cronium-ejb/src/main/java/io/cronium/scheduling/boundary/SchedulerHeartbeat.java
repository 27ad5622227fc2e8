package io.cronium.scheduling.boundary;

import io.cronium.jobs.control.JobDispatcher;
import io.cronium.scheduling.control.ScheduleChanged;
import io.cronium.scheduling.control.Scheduler;
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
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Date;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes the scheduler: a non-persistent tick every second on every node (the heartbeat that catches anything), and a
 * non-persistent single-action timer armed for the earliest next fire time, so a slot fires within milliseconds of
 * its instant rather than up to a second late. All state lives in the database (events.next_fire_at,
 * schedule_slots), so a restart or a second node changes nothing about what runs.
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

    @Resource
    TimerService timers;

    private volatile Instant armedFor;

    @Inject
    @ConfigProperty(name = "cronium.scheduler.timer-minimum-delay-ms", defaultValue = "1000")
    long timerMinimumDelayMillis;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    void tick() {
        runPass();
    }

    @Timeout
    void precise(Timer timer) {
        armedFor = null;
        runPass();
    }

    /** Called after an event's schedule changed, so a new earlier slot does not wait for the tick. */
    public void onScheduleChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScheduleChanged change) {
        change.nextFireAt().ifPresent(this::armFor);
    }

    private void runPass() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous pass is still busy: skipping is safe, the next tick finds what is due
        }
        try {
            // Batches of their own transactions until nothing is due, so a burst of slots is not spread over ticks.
            Scheduler.Pass done;
            do {
                done = pass.fireDue(Instant.now());
                if (!done.jobs().isEmpty()) {
                    dispatcher.dispatch();
                }
            } while (done.events() >= pass.batch());
            pass.nextDue().ifPresent(this::armFor);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scheduler pass failed; the next tick retries", e);
        } finally {
            running.set(false);
        }
    }

    /**
     * Arms the single-action timer for an instant between one and two ticks ahead. Payara delivers no timer sooner
     * than its minimum delivery interval (1 s by default, measured) after it was created, so a timer armed for a
     * nearer instant would fire late: a tick one second earlier arms it instead.
     */
    private synchronized void armFor(Instant next) {
        long delayMillis = next.toEpochMilli() - System.currentTimeMillis();
        if (delayMillis < timerMinimumDelayMillis || delayMillis > timerMinimumDelayMillis + 1500
                || armedFor != null && !next.isBefore(armedFor)) {
            return;
        }
        armedFor = next;
        timers.createSingleActionTimer(Date.from(next), new TimerConfig(null, false));
    }
}
