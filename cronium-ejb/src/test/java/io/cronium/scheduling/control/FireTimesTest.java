package io.cronium.scheduling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FireTimesTest {

    static Schedule cron(String expression, String zone) {
        return new Schedule(expression, null, zone, MisfirePolicy.RUN_ONCE);
    }

    @Test
    void unixCronFiresOnTheMinuteInItsZone() {
        var times = FireTimes.next(cron("*/15 9 * * *", "Europe/Berlin"), Instant.parse("2026-06-01T06:50:00Z"), 3);
        assertEquals(List.of(Instant.parse("2026-06-01T07:00:00Z"), Instant.parse("2026-06-01T07:15:00Z"),
                Instant.parse("2026-06-01T07:30:00Z")), times);
    }

    @Test
    void quartzCronHasSeconds() {
        var times = FireTimes.next(cron("*/20 * * * * ?", "UTC"), Instant.parse("2026-06-01T00:00:05Z"), 3);
        assertEquals(List.of(Instant.parse("2026-06-01T00:00:20Z"), Instant.parse("2026-06-01T00:00:40Z"),
                Instant.parse("2026-06-01T00:01:00Z")), times);
    }

    @Test
    void intervalsKeepTheirPhase() {
        var every90 = new Schedule(null, 90L, "UTC", MisfirePolicy.RUN_ONCE);
        assertEquals(List.of(Instant.parse("2026-06-01T00:01:30Z"), Instant.parse("2026-06-01T00:03:00Z")),
                FireTimes.next(every90, Instant.parse("2026-06-01T00:00:00Z"), 2));
    }

    @Test
    void aLatePassKeepsTheIntervalsPhaseUnlessSlotsWereLeftOut() {
        var everySecond = new Schedule(null, 1L, "UTC", MisfirePolicy.RUN_ONCE);
        Instant slot = Instant.parse("2026-06-01T00:00:00.600Z");
        // the pass that handled the slot ran 0.4 s after it: the next slot is a second after the slot, not the pass
        assertEquals(Optional.of(Instant.parse("2026-06-01T00:00:01.600Z")),
                FireTimes.following(everySecond, slot, Instant.parse("2026-06-01T00:00:01.000Z")));
        // the slots up to 'last' were all a pass could handle (an outage): resume from now
        assertEquals(Optional.of(Instant.parse("2026-06-01T00:10:01Z")),
                FireTimes.following(everySecond, slot, Instant.parse("2026-06-01T00:10:00Z")));
        assertEquals(Optional.empty(), FireTimes.following(new Schedule(), slot, slot));
    }

    @Test
    void manualOnlyNeverFires() {
        assertEquals(Optional.empty(), FireTimes.next(new Schedule(), Instant.now()));
    }

    @Test
    void slotsBetweenTwoInstantsAreEnumeratedWithALimit() {
        var everyMinute = cron("* * * * *", "UTC");
        Instant from = Instant.parse("2026-06-01T00:00:00Z");
        assertEquals(10, FireTimes.between(everyMinute, from, from.plus(Duration.ofMinutes(10)), 100).size());
        assertEquals(4, FireTimes.between(everyMinute, from, from.plus(Duration.ofMinutes(10)), 4).size());
    }

    /** Daily at a wall time inside each transition of 2026: it fires exactly once that day, where the rule says. */
    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Europe/Berlin", "Australia/Sydney", "Pacific/Chatham", "Asia/Kolkata"})
    void daylightSavingTransitionsFireOnceAsTheRuleSays(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        List<ZoneOffsetTransition> transitions = new ArrayList<>();
        var t = zone.getRules().nextTransition(Instant.parse("2026-01-01T00:00:00Z"));
        while (t != null && t.getInstant().isBefore(Instant.parse("2027-01-01T00:00:00Z"))) {
            transitions.add(t);
            t = zone.getRules().nextTransition(t.getInstant());
        }
        if (zoneId.equals("Asia/Kolkata")) {
            assertEquals(List.of(), transitions);
            var daily = FireTimes.next(cron("30 2 * * *", zoneId), Instant.parse("2026-03-01T00:00:00Z"), 300);
            for (int i = 1; i < daily.size(); i++) {
                assertEquals(Duration.ofDays(1), Duration.between(daily.get(i - 1), daily.get(i)));
            }
            return;
        }
        assertEquals(2, transitions.size(), "two transitions in 2026 in " + zoneId);
        for (ZoneOffsetTransition transition : transitions) {
            // a wall time inside the gap or the overlap: the middle of the transition's duration
            LocalDateTime inside = transition.getDateTimeBefore().plus(transition.getDuration().abs().dividedBy(2));
            if (transition.isOverlap()) {
                inside = transition.getDateTimeAfter().plus(transition.getDuration().abs().dividedBy(2));
            }
            var schedule = cron(inside.getMinute() + " " + inside.getHour() + " * * *", zoneId);
            LocalDate day = inside.toLocalDate();
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
            var fires = FireTimes.between(schedule, dayStart.minusSeconds(1), dayEnd.minusSeconds(1), 10);
            assertEquals(1, fires.size(), zoneId + " " + transition + ": " + fires);
            if (transition.isGap()) {
                assertEquals(transition.getInstant(), fires.get(0), "a skipped time runs once, right after the gap");
            } else {
                assertEquals(inside.toInstant(transition.getOffsetBefore()), fires.get(0), "a repeated time runs once, the first time");
            }
        }
    }

    @Test
    void severalSlotsInsideAGapCollapseIntoOneRun() {
        var everyQuarter = cron("*/15 * * * *", "America/New_York");
        var fires = FireTimes.between(everyQuarter, Instant.parse("2026-03-08T06:40:00Z"), Instant.parse("2026-03-08T07:20:00Z"), 10);
        // 01:45 EST, then 02:00-02:45 do not exist: one run at 03:00 EDT, then 03:15 EDT
        assertEquals(List.of(Instant.parse("2026-03-08T06:45:00Z"), Instant.parse("2026-03-08T07:00:00Z"),
                Instant.parse("2026-03-08T07:15:00Z")), fires);
    }

    @Test
    void theRepeatedHourRunsOnce() {
        var everyQuarter = cron("*/30 * * * *", "America/New_York");
        var fires = FireTimes.between(everyQuarter, Instant.parse("2026-11-01T04:59:00Z"), Instant.parse("2026-11-01T07:01:00Z"), 10);
        // 01:00 and 01:30 EDT, then (the hour repeats) 02:00 EST: 01:00/01:30 EST are not run again
        assertEquals(List.of(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T05:30:00Z"),
                Instant.parse("2026-11-01T07:00:00Z")), fires);
        assertTrue(fires.stream().distinct().count() == fires.size());
    }
}
