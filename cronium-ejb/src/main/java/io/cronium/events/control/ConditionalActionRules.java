package io.cronium.events.control;

import io.cronium.common.Condition;
import io.cronium.common.FieldError;
import io.cronium.events.boundary.EventDraft;
import io.cronium.events.entity.ActionTrigger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * The checks of an event's conditional actions: a known trigger, a condition that parses exactly for CONDITION, and
 * a target that is another event of the owner's (an action never starts its own event: that would loop).
 */
public final class ConditionalActionRules {

    static final int MAX_ACTIONS = 20;

    private ConditionalActionRules() {
    }

    /** {@code eventId}: the event being saved (null when it is new); {@code ownersEvent}: whether an id may be used. */
    public static List<FieldError> problems(List<EventDraft.ActionSpec> actions, Long eventId, LongPredicate ownersEvent) {
        List<FieldError> errors = new ArrayList<>();
        if (actions.size() > MAX_ACTIONS) {
            errors.add(new FieldError("actions", "at most " + MAX_ACTIONS));
            return errors;
        }
        for (int i = 0; i < actions.size(); i++) {
            String at = "actions[" + i + "]";
            var a = actions.get(i);
            if (a == null) {
                errors.add(new FieldError(at, "an action {on, condition?, eventId} is required"));
                continue;
            }
            boolean known = a.on() != null && Arrays.stream(ActionTrigger.values()).anyMatch(t -> t.name().equals(a.on()));
            if (!known) {
                errors.add(new FieldError(at + ".on", "SUCCESS, FAILURE, ALWAYS or CONDITION"));
            }
            boolean hasCondition = a.condition() != null && !a.condition().isBlank();
            if (ActionTrigger.CONDITION.name().equals(a.on())) {
                if (!hasCondition) {
                    errors.add(new FieldError(at + ".condition", "a CONDITION action needs a condition"));
                } else {
                    try {
                        Condition.parse(a.condition());
                    } catch (Condition.InvalidConditionException e) {
                        errors.add(new FieldError(at + ".condition", e.getMessage()));
                    }
                }
            } else if (known && hasCondition) {
                errors.add(new FieldError(at + ".condition", "only a CONDITION action has a condition"));
            }
            if (a.eventId() == null || !ownersEvent.test(a.eventId())) {
                errors.add(new FieldError(at + ".eventId", "event " + a.eventId() + " not found"));
            } else if (a.eventId().equals(eventId)) {
                errors.add(new FieldError(at + ".eventId", "an event's action cannot start the event itself"));
            }
        }
        return errors;
    }
}
