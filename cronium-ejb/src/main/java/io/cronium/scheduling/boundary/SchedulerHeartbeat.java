package io.cronium.scheduling.boundary;

import io.cronium.jobs.control.JobDispatcher;
import io.cronium.platform.Wakeups;
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
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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

    @Inject
    @ConfigProperty(name = "cronium.timer-minimum-delay-ms", defaultValue = "1000")
    long timerMinimumDelayMillis;

    private volatile Wakeups wakeups;

    @Schedule(second = "*", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void tick() {
        runPass();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void precise(Timer timer) {
        wakeups().fired((Instant) timer.getInfo());
        runPass();
    }

    /** Called after an event's schedule changed, so a new earlier slot does not wait for the tick. */
    public void onScheduleChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScheduleChanged change) {
        change.nextFireAt().map(due -> due.minusMillis(pass.lookaheadMillis())).ifPresent(this::armFor);
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
                done.earliestAhead().ifPresent(dispatcher::wakeAt);
            } while (done.events() >= pass.batch());
            pass.nextDue().map(due -> due.minusMillis(pass.lookaheadMillis())).ifPresent(this::armFor);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scheduler pass failed; the next tick retries", e);
        } finally {
            running.set(false);
        }
    }

    /** A precise pass for the earliest due event, when the heartbeat alone would be late for it. */
    private void armFor(Instant at) {
        if (wakeups().shouldArm(at, System.currentTimeMillis())) {
            timers.createSingleActionTimer(Date.from(at), new TimerConfig(at, false));
        }
    }

    private Wakeups wakeups() {
        if (wakeups == null) {
            wakeups = new Wakeups(timerMinimumDelayMillis, 1500);
        }
        return wakeups;
    }
}
