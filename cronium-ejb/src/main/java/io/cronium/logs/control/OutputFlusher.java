package io.cronium.logs.control;

import io.cronium.platform.ApplicationDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores the live output of every run on this node as chunks, all runs in one statement every few tens of
 * milliseconds: a chatty script costs one insert per flush, not one per line, and no row is ever rewritten.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class OutputFlusher {

    private static final Logger LOG = Logger.getLogger(OutputFlusher.class.getName());

    @Inject
    ApplicationDatabase database;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "cronium.output.flush-ms", defaultValue = "50")
    long flushMillis;

    @Inject
    @ConfigProperty(name = "cronium.output.max-chars", defaultValue = "1000000")
    int outputLimit;

    private final Set<RunOutput> open = ConcurrentHashMap.newKeySet();
    private final ReentrantLock flushing = new ReentrantLock();
    private ScheduledFuture<?> task;

    @PostConstruct
    void start() {
        task = scheduler.scheduleWithFixedDelay(this::flushAll, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        task.cancel(false);
    }

    /** Starts collecting an execution's output. */
    public RunOutput open(long logId, String executionId) {
        var output = new RunOutput(logId, executionId, outputLimit);
        open.add(output);
        return output;
    }

    /** Stops collecting an execution's output; returns what is not stored yet, for the end record to store. */
    public List<RunOutput.Chunk> detach(RunOutput output) {
        // waits for a flush in progress, so that its chunks are stored before the end record (and its ids are lower)
        flushing.lock();
        try {
            open.remove(output);
            return output.drain();
        } finally {
            flushing.unlock();
        }
    }

    void flushAll() {
        flushing.lock();
        try {
            List<RunOutput.Chunk> chunks = new ArrayList<>();
            open.forEach(o -> chunks.addAll(o.drain()));
            store(chunks);
        } finally {
            flushing.unlock();
        }
    }

    private void store(List<RunOutput.Chunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        try (var c = database.dataSource().getConnection()) {
            OutputChunkTable.append(c, chunks);
        } catch (SQLException | RuntimeException e) {
            // the final output is still recorded whole on the log; only the live view misses these lines
            LOG.log(Level.WARNING, "storing " + chunks.size() + " output chunks failed", e);
        }
    }
}
