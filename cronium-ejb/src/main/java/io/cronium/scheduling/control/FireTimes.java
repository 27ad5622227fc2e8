package io.cronium.scheduling.control;

import com.cronutils.model.time.ExecutionTime;
import io.cronium.events.control.CronExpressions;
import io.cronium.scheduling.entity.Schedule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a schedule fires next. Cron expressions are evaluated on the wall clock of the schedule's time zone, then
 * mapped to instants with the daylight-saving rule of Vixie cron: a wall time skipped by a spring-forward fires once,
 * at the end of the gap; a wall time that occurs twice in a fall-back fires once, at its first occurrence.
 */
public final class FireTimes {

    private static final int MAX_STEPS = 10_000;

    private FireTimes() {
    }

    /** The first fire instant strictly after {@code after}, or empty for a manual-only schedule. */
    public static Optional<Instant> next(Schedule schedule, Instant after) {
        if (schedule.intervalSeconds() != null) {
            return Optional.of(after.plusSeconds(schedule.intervalSeconds()));
        }
        if (schedule.cron() == null) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(schedule.timezone());
        ExecutionTime cron = ExecutionTime.forCron(CronExpressions.parse(schedule.cron()));
        LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
        for (int i = 0; i < MAX_STEPS; i++) {
            // Wall-clock arithmetic: evaluate the expression on a zone without transitions.
            Optional<ZonedDateTime> candidate = cron.nextExecution(wall.atZone(ZoneOffset.UTC));
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            wall = candidate.get().toLocalDateTime();
            Instant instant = toInstant(wall, zone);
            if (instant.isAfter(after)) {
                return Optional.of(instant);
            }
        }
        return Optional.empty();
    }

    /**
     * The next fire time once the slots up to {@code last} were handled at {@code now}: the one after {@code last}, so
     * that an interval keeps its phase however late the pass ran; after {@code now} when that one has passed too (an
     * outage longer than the slots one pass handles: resume from now).
     */
    public static Optional<Instant> following(Schedule schedule, Instant last, Instant now) {
        Optional<Instant> next = next(schedule, last);
        return next.isPresent() && !next.get().isAfter(now) ? next(schedule, now) : next;
    }

    /** The next {@code count} fire instants after {@code after}. */
    public static List<Instant> next(Schedule schedule, Instant after, int count) {
        List<Instant> times = new ArrayList<>();
        Instant cursor = after;
        for (int i = 0; i < count; i++) {
            Optional<Instant> next = next(schedule, cursor);
            if (next.isEmpty()) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /** Every fire instant in (after, until], at most {@code limit} of them. */
    public static List<Instant> between(Schedule schedule, Instant after, Instant until, int limit) {
        List<Instant> times = new ArrayList<>();
        Instant cursor = after;
        while (times.size() < limit) {
            Optional<Instant> next = next(schedule, cursor);
            if (next.isEmpty() || next.get().isAfter(until)) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /** A wall time in a gap maps to the end of the gap; in an overlap, to the earlier offset. */
    static Instant toInstant(LocalDateTime wall, ZoneId zone) {
        var rules = zone.getRules();
        var offsets = rules.getValidOffsets(wall);
        if (offsets.isEmpty()) {
            return rules.getTransition(wall).getInstant();
        }
        return wall.toInstant(offsets.get(0));
    }
}
