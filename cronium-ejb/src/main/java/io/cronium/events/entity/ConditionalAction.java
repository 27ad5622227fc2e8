package io.cronium.events.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** What to do after an event ran: start another event, or a tool action (JSON), on a given outcome. */
@Entity
@Table(name = "conditional_actions")
public class ConditionalAction {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "event_id")
    private Event event;

    @Column(nullable = false)
    private int position;

    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_on", nullable = false)
    private ActionTrigger trigger;

    @Column(name = "condition_expr")
    private String condition;

    @Column(name = "target_event_id")
    private Long targetEventId;

    @Column(name = "tool_action")
    private String toolAction;

    protected ConditionalAction() {
    }

    public ConditionalAction(Event event, int position, ActionTrigger trigger, String condition, Long targetEventId) {
        this.event = event;
        this.position = position;
        this.trigger = trigger;
        this.condition = condition;
        this.targetEventId = targetEventId;
    }

    public Long getId() { return id; }
    public int getPosition() { return position; }
    public ActionTrigger getTrigger() { return trigger; }
    public String getCondition() { return condition; }
    public Long getTargetEventId() { return targetEventId; }
    public String getToolAction() { return toolAction; }
}
