package io.cronium.batch.maintenance;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Housekeeping tasks (purges and the like) run as Jakarta Batch jobs ({@code cronium-maintenance}), so each run is
 * recorded by the batch runtime with its exit status. The business components register their tasks here: this jar
 * sits beside them (an EAR library), it cannot know their classes.
 */
@ApplicationScoped
public class Maintenance {

    static final String JOB = "cronium-maintenance";
    static final String TASK = "task";

    private final Map<String, Supplier<String>> tasks = new ConcurrentHashMap<>();

    /** A task by name; its result (a one-line summary) becomes the batch step's exit status. */
    public void register(String task, Supplier<String> work) {
        tasks.put(task, work);
    }

    /** Starts a run of the task in the batch runtime and returns the job execution id. */
    public long start(String task) {
        if (!tasks.containsKey(task)) {
            throw new IllegalArgumentException("no maintenance task named " + task);
        }
        var parameters = new Properties();
        parameters.setProperty(TASK, task);
        return BatchRuntime.getJobOperator().start(JOB, parameters);
    }

    String run(String task) {
        Supplier<String> work = tasks.get(task);
        if (work == null) {
            throw new IllegalStateException("no maintenance task named " + task);
        }
        return work.get();
    }
}
