package io.cronium.web.console;

import io.cronium.events.boundary.EventDraft;
import io.cronium.events.entity.ConditionalAction;
import java.io.Serializable;

/** A conditional action as the event form edits it: on which outcome, under which condition, which event. */
public class ActionRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private String on = "FAILURE";
    private String condition;
    private Long eventId;

    static ActionRow of(ConditionalAction a) {
        var row = new ActionRow();
        row.on = a.getTrigger().name();
        row.condition = a.getCondition();
        row.eventId = a.getTargetEventId();
        return row;
    }

    EventDraft.ActionSpec toSpec() {
        return new EventDraft.ActionSpec(on, condition == null || condition.isBlank() ? null : condition, eventId);
    }

    public String getOn() { return on; }
    public void setOn(String on) { this.on = on; }
    public String getCondition() { return condition; }
    public void setCondition(String condition) { this.condition = condition; }
    public Long getEventId() { return eventId; }
    public void setEventId(Long eventId) { this.eventId = eventId; }
}
