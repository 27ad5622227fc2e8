package io.cronium.batch.fanout;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs pieces of work side by side as the partitions of one Jakarta Batch step (job {@code cronium-fanout}, one
 * partition per piece), and hands back their results in order. The work stays in memory - a run's secrets and live
 * output sinks must never reach the batch job repository - so a partition only carries its fan-out id and index.
 * Whatever the batch runtime does, the caller gets one result per piece: a piece the runtime never ran (job failed,
 * stopped or could not start) becomes {@code lost.apply(reason)}, never a hang.
 */
@ApplicationScoped
public class FanOut {

    static final String JOB = "cronium-fanout";
    static final String ID = "fanOut";
    static final String PARTS = "parts";

    private final Map<String, Pieces<?>> running = new ConcurrentHashMap<>();

    private record Pieces<T>(List<Supplier<T>> work, List<CompletableFuture<T>> results) {
    }

    public <T> List<T> runAll(List<Supplier<T>> work, BiFunction<Integer, String, T> lost) {
        if (work.isEmpty()) {
            return List.of();
        }
        String id = UUID.randomUUID().toString();
        List<CompletableFuture<T>> results = new ArrayList<>();
        work.forEach(w -> results.add(new CompletableFuture<>()));
        running.put(id, new Pieces<>(List.copyOf(work), results));
        try {
            var parameters = new Properties();
            parameters.setProperty(ID, id);
            parameters.setProperty(PARTS, Integer.toString(work.size()));
            JobOperator operator = BatchRuntime.getJobOperator();
            long execution;
            try {
                execution = operator.start(JOB, parameters);
            } catch (RuntimeException e) {
                List<T> none = new ArrayList<>();
                for (int i = 0; i < work.size(); i++) {
                    none.add(lost.apply(i, "the batch runtime did not start the fan-out: " + e));
                }
                return none;
            }
            return await(operator, execution, results, lost);
        } finally {
            running.remove(id);
        }
    }

    /** Runs piece {@code index} of fan-out {@code id}: called by a partition of the batch step. */
    void runPiece(String id, int index) {
        Pieces<?> pieces = running.get(id);
        if (pieces != null) {
            complete(pieces, index);
        }
    }

    private static <T> void complete(Pieces<T> pieces, int index) {
        CompletableFuture<T> result = pieces.results().get(index);
        try {
            result.complete(pieces.work().get(index).get());
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        }
    }

    /** Waits for every piece; checks now and then that the batch job still runs, so a lost partition cannot hang us. */
    private static <T> List<T> await(JobOperator operator, long execution, List<CompletableFuture<T>> results,
                                     BiFunction<Integer, String, T> lost) {
        CompletableFuture<Void> all = CompletableFuture.allOf(results.toArray(CompletableFuture[]::new));
        String ended = null;
        while (!all.isDone() && ended == null) {
            try {
                all.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                BatchStatus status = operator.getJobExecution(execution).getBatchStatus();
                if (status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                        || status == BatchStatus.ABANDONED) {
                    ended = "the batch job ended " + status + " before this part ran";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ended = "interrupted while waiting for the fan-out";
            } catch (ExecutionException e) {
                break; // one piece threw: each result is read below
            }
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            int index = i;
            String reason = ended;
            CompletableFuture<T> result = results.get(i);
            out.add(result.isDone()
                    ? result.handle((value, failure) -> failure == null ? value : lost.apply(index, "failed: " + failure)).join()
                    : lost.apply(index, reason));
        }
        return out;
    }
}
