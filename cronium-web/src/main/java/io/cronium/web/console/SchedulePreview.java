package io.cronium.web.console;

import io.cronium.events.control.CronExpressions;
import io.cronium.scheduling.control.FireTimes;
import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.Schedule;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the schedule editor shows while the user types: the schedule in words and its next fire times, or the error. */
public record SchedulePreview(String description, List<String> nextRuns, String error) implements Serializable {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss xxx");

    static SchedulePreview of(String kind, String cron, Long intervalSeconds, String timezone) {
        try {
            ZoneId zone = ZoneId.of(timezone == null || timezone.isBlank() ? "UTC" : timezone);
            Schedule schedule;
            String description;
            if ("CRON".equals(kind)) {
                if (cron == null || cron.isBlank()) {
                    return new SchedulePreview(null, List.of(), null);
                }
                description = CronExpressions.describe(cron);
                schedule = new Schedule(cron.trim(), null, zone.getId(), MisfirePolicy.RUN_ONCE);
            } else if ("INTERVAL".equals(kind)) {
                if (intervalSeconds == null || intervalSeconds <= 0) {
                    return new SchedulePreview(null, List.of(), "the interval must be a positive number of seconds");
                }
                description = "every " + intervalSeconds + " seconds";
                schedule = new Schedule(null, intervalSeconds, zone.getId(), MisfirePolicy.RUN_ONCE);
            } else {
                return new SchedulePreview("only when run by hand", List.of(), null);
            }
            var next = FireTimes.next(schedule, Instant.now(), 5).stream().map(t -> FORMAT.format(t.atZone(zone))).toList();
            return new SchedulePreview(description, next, null);
        } catch (DateTimeException e) {
            return new SchedulePreview(null, List.of(), "unknown time zone '" + timezone + "'");
        } catch (IllegalArgumentException e) {
            return new SchedulePreview(null, List.of(), e.getMessage());
        }
    }
}
