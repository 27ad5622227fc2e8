package io.cronium.bench;

import jakarta.json.Json;
import java.io.StringReader;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Workflow step hand-off (issue 9) through the embedded default: a chain of trivial Bash steps (local processes), the
 * time from one step's end (its log's finished_at, written in the transaction that also queues the next step) to the
 * next step's start (its log's started_at, when a worker began it). Peer in the same process: the same path without
 * a workflow, from a manual run's job creation to its start (queue pickup). Prints p50 and p99 of both and the ratio.
 * Usage: {@code ./cronium bench workflows} with -Dbench.runs=10 -Dbench.steps=10.
 */
public final class WorkflowBench {

    private WorkflowBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 10);
        int length = Integer.getInteger("bench.steps", 10);
        System.out.println(StartupBench.machine());
        try (var server = BenchServer.start(Map.of())) {
            String event = Json.createObjectBuilder().add("name", "step").add("type", "BASH").add("content", "true")
                    .add("isolation", "PROCESS").build().toString();
            long step = server.createEvent(event);
            var nodes = Json.createArrayBuilder();
            var edges = Json.createArrayBuilder();
            for (int i = 0; i < length; i++) {
                nodes.add(Json.createObjectBuilder().add("id", "s" + i).add("eventId", step));
                if (i > 0) {
                    edges.add(Json.createObjectBuilder().add("from", "s" + (i - 1)).add("to", "s" + i)
                            .add("type", "ON_SUCCESS"));
                }
            }
            long workflow = server.create("/workflows", Json.createObjectBuilder().add("name", "chain")
                    .add("nodes", nodes).add("edges", edges).build().toString());
            try (var c = server.database("cronium")) {
                List<Long> workflowRuns = new ArrayList<>();
                List<Long> plainLogs = new ArrayList<>();
                for (int i = 0; i < runs + 1; i++) {
                    long run = start(server, "/workflows/" + workflow + "/run", "workflowExecutionId");
                    awaitWorkflow(c, run);
                    for (int j = 0; j < length; j++) {
                        long log = start(server, "/events/" + step + "/run", "logId");
                        QueueBench.awaitFinal(c, log);
                        if (i > 0) {
                            plainLogs.add(log);
                        }
                    }
                    if (i > 0) { // the first run warms up the code paths
                        workflowRuns.add(run);
                    }
                }
                String runIds = join(workflowRuns);
                List<Double> handOffs = values(c, """
                        select extract(epoch from (next.started_at - prev.finished_at)) * 1000
                          from workflow_execution_steps sp
                          join workflow_execution_steps sn on sn.workflow_execution_id = sp.workflow_execution_id
                               and sn.node_key = 's' || (substring(sp.node_key from 2)::int + 1)
                          join logs prev on prev.id = sp.log_id
                          join logs next on next.id = sn.log_id
                         where sp.workflow_execution_id in (%s)""".formatted(runIds));
                List<Double> pickups = values(c, "select extract(epoch from (l.started_at - j.created_at)) * 1000"
                        + " from logs l join jobs j on j.log_id = l.id where l.id in (" + join(plainLogs) + ")");
                String statuses = QueueBench.distinct(c, "select status from workflow_executions where id in ("
                        + runIds + ")");
                double p50 = percentile(handOffs, 50);
                double floor = percentile(pickups, 50);
                System.out.printf(Locale.ROOT, "%n%d runs of a %d-step chain (%d hand-offs), statuses %s%n", runs,
                        length, handOffs.size(), statuses);
                System.out.printf(Locale.ROOT, "step hand-off (end of a step -> start of the next): p50 %.1f ms,"
                        + " p99 %.1f ms%n", p50, percentile(handOffs, 99));
                System.out.printf(Locale.ROOT, "peer, queue pickup of a manual run (job created -> started): p50 %.1f"
                        + " ms, p99 %.1f ms%n", floor, percentile(pickups, 99));
                System.out.printf(Locale.ROOT, "ratio hand-off / pickup (p50): %.2f; target p50 <= 20 ms: %s%n",
                        p50 / floor, p50 <= 20 ? "met" : "MISSED");
            }
        }
    }

    private static long start(BenchServer server, String path, String field) throws Exception {
        var reply = server.post(path, "{}", server.token());
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            return reader.readObject().getJsonNumber(field).longValue();
        }
    }

    private static void awaitWorkflow(Connection c, long run) throws Exception {
        try (var s = c.prepareStatement("select status from workflow_executions where id = ?")) {
            s.setLong(1, run);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (var rows = s.executeQuery()) {
                    rows.next();
                    if (!rows.getString(1).equals("RUNNING")) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException("workflow run " + run + " did not end");
    }

    private static List<Double> values(Connection c, String sql) throws Exception {
        List<Double> values = new ArrayList<>();
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getDouble(1));
            }
        }
        Collections.sort(values);
        return values;
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String join(List<Long> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }
}
