package io.cronium.bench;

import jakarta.json.Json;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Multi-server runs (issue 7) through the embedded default and the SSH test hosts of server-config/ssh: a script on
 * one server (run on the job's own thread) against the same script on three servers (one partition each of the
 * {@code cronium-fanout} batch step), interleaved. Figures, medians from the database's own timestamps: the job's
 * creation to the log's end, and what a run adds over its slowest execution (the fan-out's own cost). Then the same
 * with {@code sleep 1}: the wall time of three servers should be near one second, not three.
 * Usage: {@code ./cronium bench fanout} with -Dbench.runs=20.
 */
public final class FanOutBench {

    private FanOutBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 20);
        System.out.println(StartupBench.machine());
        String key = Files.readString(Path.of("/run/cronium-ssh/keys/id_ed25519"));
        try (var server = BenchServer.start(Map.of())) {
            long[] servers = new long[3];
            for (int host = 1; host <= 3; host++) {
                servers[host - 1] = server.create("/servers", Json.createObjectBuilder().add("name", "web" + host)
                        .add("host", "10.77.0.1" + host).add("port", 22).add("username", "cronium-test")
                        .add("sshKey", key).build().toString());
            }
            for (String script : List.of("echo hi", "sleep 1")) {
                long one = server.createEvent(event("one-" + script, script, servers[0]));
                long three = server.createEvent(event("three-" + script, script, servers));
                int n = script.startsWith("sleep") ? Math.max(3, runs / 4) : runs;
                List<Long> oneLogs = new ArrayList<>();
                List<Long> threeLogs = new ArrayList<>();
                try (var c = server.database("cronium")) {
                    try (var s = c.createStatement()) {
                        s.execute("listen cronium_runs");
                    }
                    for (int i = 0; i < n + 3; i++) {
                        long a = run(server, c, one);
                        long b = run(server, c, three);
                        if (i >= 3) { // the first runs open the pooled sessions and deploy the runner
                            oneLogs.add(a);
                            threeLogs.add(b);
                        }
                    }
                    System.out.printf(Locale.ROOT, "%n'%s', %d runs each%n", script, n);
                    report(c, "1 server (job thread)   ", oneLogs);
                    report(c, "3 servers (batch step)  ", threeLogs);
                }
            }
        }
    }

    private static String event(String name, String script, long... servers) {
        var ids = Json.createArrayBuilder();
        for (long id : servers) {
            ids.add(id);
        }
        return Json.createObjectBuilder().add("name", name).add("type", "BASH").add("content", script)
                .add("runLocation", "REMOTE").add("serverIds", ids).build().toString();
    }

    private static long run(BenchServer server, java.sql.Connection c, long event) throws Exception {
        var reply = server.post("/events/" + event + "/run", "{}", server.token());
        long logId;
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            logId = reader.readObject().getJsonNumber("logId").longValue();
        }
        QueueBench.awaitFinal(c, logId);
        return logId;
    }

    private static void report(java.sql.Connection c, String label, List<Long> logs) throws Exception {
        String ids = String.join(",", logs.stream().map(String::valueOf).toList());
        double e2e = QueueBench.medianOf(c, "select extract(epoch from (l.finished_at - j.created_at)) * 1000 from logs l"
                + " join jobs j on j.log_id = l.id where l.id in (" + ids + ")");
        double slowest = QueueBench.medianOf(c, "select max(x.total_ms) from executions x where x.log_id in (" + ids
                + ") group by x.log_id");
        double added = QueueBench.medianOf(c, "select extract(epoch from (l.finished_at - l.started_at)) * 1000"
                + " - max(x.total_ms) from logs l join executions x on x.log_id = l.id where l.id in (" + ids
                + ") group by l.id, l.finished_at, l.started_at");
        String statuses = QueueBench.distinct(c, "select status from logs where id in (" + ids + ")");
        System.out.printf(Locale.ROOT, "%s queued -> finished %.1f ms; slowest execution %.1f ms; log start..end"
                + " beyond the slowest execution %+.1f ms; statuses %s%n", label, e2e, slowest, added, statuses);
    }
}
