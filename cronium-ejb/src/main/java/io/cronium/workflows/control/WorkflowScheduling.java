package io.cronium.workflows.control;

import io.cronium.platform.ApplicationDatabase;
import io.cronium.scheduling.boundary.SchedulerPass;
import io.cronium.scheduling.control.FireTimes;
import io.cronium.scheduling.control.MisfirePlanner;
import io.cronium.scheduling.control.SlotPlan;
import io.cronium.scheduling.entity.SlotOutcome;
import io.cronium.workflows.entity.Workflow;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Scheduled workflows, with the same guarantees as scheduled events: due workflows are locked with FOR UPDATE SKIP
 * LOCKED (nodes share the work), and each slot is a schedule_slots row, unique per (workflow, instant), written in
 * the same transaction as the run it starts and the next fire time. A slot can start at most one run, and none is
 * lost if the transaction fails; late slots follow the workflow's misfire policy.
 */
@Stateless
public class WorkflowScheduling {

    static final int BATCH = 50;
    static final int MAX_SLOTS = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationDatabase database;

    @EJB
    WorkflowEngine engine;

    @Inject
    @ConfigProperty(name = SchedulerPass.MISFIRE_THRESHOLD, defaultValue = SchedulerPass.MISFIRE_THRESHOLD_DEFAULT)
    long misfireThresholdSeconds;

    @Inject
    @ConfigProperty(name = "cronium.scheduler.run-all-limit", defaultValue = "100")
    int runAllLimit;

    /** Starts the due slots of up to {@value #BATCH} workflows; how many workflows were due. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int fireDue(Instant now) {
        List<Long> due = database.call("locking due workflows", c -> {
            List<Long> ids = new ArrayList<>();
            try (var select = c.prepareStatement("select id from workflows where status = 'ACTIVE' and next_fire_at"
                    + " <= ? order by next_fire_at limit ? for update skip locked")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setInt(2, BATCH);
                try (var rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
        for (long id : due) {
            fire(em.find(Workflow.class, id), now);
        }
        return due.size();
    }

    private void fire(Workflow workflow, Instant now) {
        var schedule = workflow.getSchedule();
        List<Instant> slots = new ArrayList<>();
        slots.add(schedule.nextFireAt());
        slots.addAll(FireTimes.between(schedule, schedule.nextFireAt(), now, MAX_SLOTS - 1));
        Instant last = schedule.nextFireAt();
        for (SlotPlan plan : MisfirePlanner.plan(slots, now, schedule.misfirePolicy(),
                Duration.ofSeconds(misfireThresholdSeconds), runAllLimit)) {
            Long run = plan.outcome() == SlotOutcome.ENQUEUED
                    ? engine.start(workflow, "SCHEDULE", null, Map.of()).getId() : null;
            recordSlot(workflow.getId(), plan, run);
            last = plan.slot().isAfter(last) ? plan.slot() : last;
        }
        schedule.nextFireAt(FireTimes.following(schedule, last, now).orElse(null));
    }

    /** The slot's row: a second insert of the same (workflow, instant) fails the transaction, so nothing runs twice. */
    private void recordSlot(long workflowId, SlotPlan plan, Long run) {
        database.call("recording a slot of workflow " + workflowId, c -> {
            try (var insert = c.prepareStatement("insert into schedule_slots (workflow_id, scheduled_for, outcome, job_id)"
                    + " values (?, ?, ?, null)")) {
                insert.setLong(1, workflowId);
                insert.setTimestamp(2, Timestamp.from(plan.slot()));
                insert.setString(3, plan.outcome().name());
                insert.executeUpdate();
            }
            return null;
        });
    }
}
