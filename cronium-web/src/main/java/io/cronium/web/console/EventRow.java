package io.cronium.web.console;

import io.cronium.events.entity.Event;
import java.io.Serializable;

/** What the events table shows of an event (view state keeps rows, never entities). */
public record EventRow(long id, String name, String type, String status, String schedule, String content,
                       String cron, Long intervalSeconds, String timezone, String misfirePolicy, int timeoutSeconds)
        implements Serializable {

    static EventRow of(Event e) {
        var s = e.getSchedule();
        String schedule = s.cron() != null ? s.cron() + " (" + s.timezone() + ")"
                : s.intervalSeconds() != null ? "every " + s.intervalSeconds() + " s" : "manual";
        return new EventRow(e.getId(), e.getName(), e.getType().name(), e.getStatus().name(), schedule, e.getContent(),
                s.cron(), s.intervalSeconds(), s.timezone(), s.misfirePolicy().name(), e.getTimeoutSeconds());
    }
}
