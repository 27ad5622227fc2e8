package io.cronium.jobs.control;

import io.cronium.common.Jsons;
import io.cronium.events.entity.ActionTrigger;
import io.cronium.events.entity.ConditionalAction;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/** A conditional action as the run's snapshot keeps it: on which outcome, under which condition, which event. */
public record FollowUp(ActionTrigger on, String condition, long eventId) {

    public static List<FollowUp> of(List<ConditionalAction> actions) {
        return actions.stream().map(a -> new FollowUp(a.getTrigger(), a.getCondition(), a.getTargetEventId())).toList();
    }

    static JsonArrayBuilder toJson(List<FollowUp> actions) {
        var array = Jsons.createArrayBuilder();
        actions.forEach(a -> {
            var json = Jsons.createObjectBuilder().add("on", a.on().name()).add("eventId", a.eventId());
            if (a.condition() != null) {
                json.add("condition", a.condition());
            }
            array.add(json);
        });
        return array;
    }

    static List<FollowUp> fromJson(JsonArray array) {
        return array == null ? List.of() : array.getValuesAs(JsonObject.class).stream()
                .map(a -> new FollowUp(ActionTrigger.valueOf(a.getString("on")), a.getString("condition", null),
                        a.getJsonNumber("eventId").longValue())).toList();
    }
}
