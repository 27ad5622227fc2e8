package io.cronium.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fire lag of the scheduler: N active events on one cron schedule, run for a while on the embedded default, then
 * from the database: scheduled instant to job QUEUED and to script started (p50/p95/p99/max), missed slots, and
 * slots that produced more than one run. Usage: {@code ./cronium bench scheduling} with -Dbench.schedules=1000,
 * -Dbench.cron="0 * * * * ?" and -Dbench.seconds=130 as the defaults.
 */
public final class SchedulingBench {

    private SchedulingBench() {
    }

    public static void main(String[] args) throws Exception {
        int schedules = Integer.getInteger("bench.schedules", 1000);
        String cron = System.getProperty("bench.cron", "0 * * * * ?");
        int seconds = Integer.getInteger("bench.seconds", 130);
        System.out.println(StartupBench.machine());
        System.out.printf(Locale.ROOT, "%d events on cron '%s', observed for %d s%n", schedules, cron, seconds);
        try (var server = BenchServer.start(java.util.Map.of())) {
            for (int i = 0; i < schedules; i++) {
                server.createEvent("{\"name\":\"bench-" + i + "\",\"type\":\"BASH\",\"content\":\"true\","
                        + "\"status\":\"ACTIVE\",\"schedule\":{\"cron\":\"" + cron + "\"}}");
            }
            Thread.sleep(Duration.ofSeconds(seconds).toMillis());
            try (var c = server.database("cronium")) {
                report(c, "scheduled -> job QUEUED", """
                        select extract(epoch from (j.created_at - l.scheduled_for)) * 1000
                          from logs l join jobs j on j.log_id = l.id where l.trigger_type = 'SCHEDULE'""");
                report(c, "scheduled -> script started", """
                        select extract(epoch from (x.started_at - l.scheduled_for)) * 1000
                          from logs l join executions x on x.log_id = l.id where l.trigger_type = 'SCHEDULE'""");
                long slots = single(c, "select count(*) from schedule_slots");
                long missed = single(c, "select count(*) from schedule_slots where outcome = 'MISSED'");
                long duplicates = single(c, "select count(*) from (select event_id, scheduled_for from logs"
                        + " where trigger_type = 'SCHEDULE' group by 1, 2 having count(*) > 1) d");
                long pending = single(c, "select count(*) from jobs where status in ('QUEUED', 'CLAIMED', 'RUNNING')");
                System.out.printf(Locale.ROOT, "slots %d, missed %d, slots with more than one run %d, jobs still queued or running %d%n",
                        slots, missed, duplicates, pending);
            }
        }
    }

    static void report(java.sql.Connection c, String what, String sql) throws Exception {
        List<Double> lags = new ArrayList<>();
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            while (rows.next()) {
                lags.add(rows.getDouble(1));
            }
        }
        lags.sort(null);
        if (lags.isEmpty()) {
            System.out.println(what + ": no samples");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, lags.size(),
                pct(lags, 50), pct(lags, 95), pct(lags, 99), lags.get(lags.size() - 1));
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static long single(java.sql.Connection c, String sql) throws Exception {
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
