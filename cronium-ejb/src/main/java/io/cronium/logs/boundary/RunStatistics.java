package io.cronium.logs.boundary;

import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run counts, success rates and durations per day, read from the daily aggregates the database keeps (see the
 * V3 migration): the cost depends on the number of days shown, not on the number of logs.
 */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class RunStatistics {

    /** One UTC day: runs by outcome, and the mean duration of its timed runs. */
    public record Day(LocalDate day, long successes, long failures, long others, Long averageDurationMs) {
        public long runs() {
            return successes + failures + others;
        }
    }

    /** The days of a period, oldest first, every day present, and their totals. */
    public record Overview(List<Day> days, long runs, long successes, long failures, Long averageDurationMs) {
        /** Successes among runs that succeeded or failed, in percent; null without such runs. */
        public Double successRate() {
            long decided = successes + failures;
            return decided == 0 ? null : 100.0 * successes / decided;
        }
    }

    @PersistenceContext
    EntityManager em;

    @EJB
    CallerResolver callers;

    Clock clock = Clock.systemUTC();

    public Overview lastDays(int count) {
        Caller caller = callers.current();
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(count - 1L);
        String sql = "select day, status, sum(runs), sum(timed_runs), sum(duration_ms) from daily_run_stats"
                + " where day >= ?1" + (caller.isAdmin() ? "" : " and owner_id = ?2") + " group by day, status";
        var query = em.createNativeQuery(sql).setParameter(1, Date.valueOf(first));
        if (!caller.isAdmin()) {
            query.setParameter(2, caller.userId());
        }
        Map<LocalDate, long[]> perDay = new LinkedHashMap<>(); // successes, failures, others, timed, duration
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            perDay.put(d, new long[5]);
        }
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            long[] day = perDay.get(((Date) r[0]).toLocalDate());
            if (day == null) {
                continue;
            }
            int slot = switch ((String) r[1]) {
                case "SUCCESS" -> 0;
                case "FAILURE", "TIMEOUT", "PARTIAL" -> 1;
                default -> 2;
            };
            day[slot] += ((Number) r[2]).longValue();
            day[3] += ((Number) r[3]).longValue();
            day[4] += ((Number) r[4]).longValue();
        }
        List<Day> days = new ArrayList<>();
        long successes = 0;
        long failures = 0;
        long runs = 0;
        long timed = 0;
        long duration = 0;
        for (var e : perDay.entrySet()) {
            long[] d = e.getValue();
            days.add(new Day(e.getKey(), d[0], d[1], d[2], d[3] == 0 ? null : d[4] / d[3]));
            successes += d[0];
            failures += d[1];
            runs += d[0] + d[1] + d[2];
            timed += d[3];
            duration += d[4];
        }
        return new Overview(days, runs, successes, failures, timed == 0 ? null : duration / timed);
    }
}
