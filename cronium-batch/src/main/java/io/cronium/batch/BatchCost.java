package io.cronium.batch;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Measures what the Jakarta Batch runtime costs per job (architecture.md asks for the number before deciding where
 * batch drives execution): no-op jobs started one after another, each awaited, and then all at once.
 */
@ApplicationScoped
public class BatchCost {

    /** Milliseconds from start to COMPLETED of each sequential job, and the wall time of a concurrent burst. */
    public record Figures(List<Double> sequentialMillis, int burst, double burstMillis) {
    }

    public Figures measure(int sequential, int burst) throws InterruptedException {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < sequential; i++) {
            long t0 = System.nanoTime();
            awaitCompleted(operator, List.of(operator.start("cronium-noop", new Properties())));
            latencies.add((System.nanoTime() - t0) / 1e6);
        }
        long t0 = System.nanoTime();
        List<Long> executions = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            executions.add(operator.start("cronium-noop", new Properties()));
        }
        awaitCompleted(operator, executions);
        return new Figures(latencies, burst, (System.nanoTime() - t0) / 1e6);
    }

    private static void awaitCompleted(JobOperator operator, List<Long> executions) throws InterruptedException {
        for (long id : executions) {
            BatchStatus status;
            while ((status = operator.getJobExecution(id).getBatchStatus()) != BatchStatus.COMPLETED) {
                if (status == BatchStatus.FAILED || status == BatchStatus.ABANDONED || status == BatchStatus.STOPPED) {
                    throw new IllegalStateException("batch job execution " + id + " ended " + status);
                }
                Thread.sleep(1);
            }
        }
    }
}
