package io.cronium.logs.control;

import io.cronium.common.Jsons;
import io.cronium.execution.ExecutionOutcome;
import io.cronium.execution.ExecutionResult;
import io.cronium.logs.entity.LogStatus;
import io.cronium.logs.entity.PhaseTimings;
import java.util.List;
import java.util.Map;

/**
 * What a log shows for one attempt: the result of its only execution, or, for a run on several servers, the
 * aggregate: SUCCESS when all succeeded, PARTIAL (exit code 100, the failed servers named) when some did, and
 * otherwise the common outcome (FAILURE, TIMEOUT or CANCELLED; FAILURE when they differ).
 */
public record RunAggregate(LogStatus status, Integer exitCode, String output, String error, PhaseTimings timings) {

    /** Exit code of a run that succeeded on some servers only (the seed's convention). */
    public static final int PARTIAL_EXIT_CODE = 100;

    /** One execution's end: its id, the server's name (null on this node), and what the executor reported. */
    /**
     * How one execution ended: where (the server's name, null on this node), its result, and what its script handed
     * back through the helpers - its output (JSON text, null if none) and the variables it set.
     */
    public record End(String executionId, String server, ExecutionResult result, String output,
                      Map<String, String> variables) {

        public End {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }

        public End(String executionId, String server, ExecutionResult result) {
            this(executionId, server, result, null, Map.of());
        }

        /** The same end, failed for a reason of Cronium's (e.g. a helper call it refused). */
        public End failedBecause(String reason) {
            ExecutionResult r = result;
            String because = r.failureReason() == null ? reason : r.failureReason() + "; " + reason;
            return new End(executionId, server, new ExecutionResult(r.outcome() == ExecutionOutcome.SUCCEEDED
                    ? ExecutionOutcome.FAILED : r.outcome(), r.exitCode(), r.stdout(), r.stderr(), because, r.timings()),
                    output, variables);
        }

        /** The same end without the changes to {@code keys} (they went elsewhere: a workflow run's variables). */
        public End withoutVariables(java.util.Set<String> keys) {
            Map<String, String> rest = new java.util.LinkedHashMap<>(variables);
            rest.keySet().removeAll(keys);
            return new End(executionId, server, result, output, rest);
        }
    }

    /**
     * The log's result: the one execution's output, or, on several servers, an object of each server's output by
     * its name (those that gave one); null when there is none.
     */
    public static String result(List<End> ends) {
        if (ends.size() == 1) {
            return ends.get(0).output();
        }
        var outputs = ends.stream().filter(e -> e.output() != null).toList();
        if (outputs.isEmpty()) {
            return null;
        }
        var json = new StringBuilder("{");
        for (End e : outputs) {
            json.append(json.length() > 1 ? "," : "").append(Jsons.createValue(e.server()))
                    .append(':').append(e.output());
        }
        return json.append('}').toString();
    }

    public static RunAggregate of(List<End> ends) {
        if (ends.size() == 1) {
            ExecutionResult r = ends.get(0).result();
            return new RunAggregate(status(r), r.exitCode(), r.stdout(), errorText(r), r.timings());
        }
        var output = new StringBuilder();
        var error = new StringBuilder();
        var failed = new StringBuilder();
        int failures = 0;
        LogStatus common = null;
        long slowest = 0;
        for (End end : ends) {
            ExecutionResult r = end.result();
            LogStatus status = status(r);
            output.append("== ").append(end.server()).append(" ==\n").append(r.stdout() == null ? "" : r.stdout());
            String text = errorText(r);
            if (!text.isEmpty()) {
                error.append("== ").append(end.server()).append(" ==\n").append(text);
            }
            if (status != LogStatus.SUCCESS) {
                failures++;
                failed.append(failed.length() == 0 ? "" : "; ").append(end.server()).append(" (")
                        .append(r.failureReason() == null ? status : r.failureReason()).append(')');
            }
            common = common == null || common == status ? status : LogStatus.FAILURE;
            slowest = Math.max(slowest, r.timings().totalMs());
        }
        var timings = new PhaseTimings(0, slowest, 0); // the servers ran side by side: the run took the slowest
        if (failures == 0) {
            return new RunAggregate(LogStatus.SUCCESS, 0, output.toString(), error.toString(), timings);
        }
        String summary = "[cronium] " + failures + " of " + ends.size() + " servers failed: " + failed + "\n";
        if (failures < ends.size()) {
            return new RunAggregate(LogStatus.PARTIAL, PARTIAL_EXIT_CODE, output.toString(), error + summary, timings);
        }
        return new RunAggregate(common, null, output.toString(), error + summary, timings);
    }

    public static LogStatus status(ExecutionResult r) {
        return switch (r.outcome()) {
            case SUCCEEDED -> LogStatus.SUCCESS;
            case FAILED -> LogStatus.FAILURE;
            case TIMED_OUT -> LogStatus.TIMEOUT;
            case CANCELLED -> LogStatus.CANCELLED;
        };
    }

    /** stderr, then Cronium's own note on why it failed. */
    public static String errorText(ExecutionResult result) {
        var error = new StringBuilder(result.stderr() == null ? "" : result.stderr());
        if (result.failureReason() != null) {
            error.append(error.length() == 0 || error.charAt(error.length() - 1) == '\n' ? "" : "\n")
                    .append("[cronium] ").append(result.failureReason()).append('\n');
        }
        return error.toString();
    }
}
