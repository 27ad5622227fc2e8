package io.cronium.scheduling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One scheduled instant of an event or workflow; unique per (owner, instant), so a slot can fire only once. */
@Entity
@Table(name = "schedule_slots")
public class ScheduleSlot {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id")
    private Long eventId;

    @Column(name = "workflow_id")
    private Long workflowId;

    @Column(name = "scheduled_for", nullable = false)
    private Instant scheduledFor;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private SlotOutcome outcome;

    @Column(name = "job_id")
    private Long jobId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected ScheduleSlot() {
    }

    public static ScheduleSlot ofEvent(long eventId, Instant scheduledFor, SlotOutcome outcome, Long jobId) {
        var slot = new ScheduleSlot();
        slot.eventId = eventId;
        slot.scheduledFor = scheduledFor;
        slot.outcome = outcome;
        slot.jobId = jobId;
        return slot;
    }

    public Long getId() { return id; }
    public Long getEventId() { return eventId; }
    public Long getWorkflowId() { return workflowId; }
    public Instant getScheduledFor() { return scheduledFor; }
    public SlotOutcome getOutcome() { return outcome; }
    public Long getJobId() { return jobId; }
    public Instant getCreatedAt() { return createdAt; }
}
