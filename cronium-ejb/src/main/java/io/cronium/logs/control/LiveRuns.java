package io.cronium.logs.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongConsumer;

/**
 * Who on this node watches which run: live streams and console views subscribe to a log and are told when it
 * changed (new output, new status), whichever node ran it. They read the change themselves, so a missed or merged
 * signal loses nothing.
 */
@ApplicationScoped
public class LiveRuns {

    /** Ends a subscription. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<Long, Set<Runnable>> watchers = new ConcurrentHashMap<>();
    private final Set<LongConsumer> everything = new CopyOnWriteArraySet<>();

    public Subscription watch(long logId, Runnable onChange) {
        watchers.computeIfAbsent(logId, id -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> watchers.computeIfPresent(logId, (id, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    /** For views that follow all runs (dashboard, queue): told the log id of every change. */
    public Subscription watchAll(LongConsumer onChange) {
        everything.add(onChange);
        return () -> everything.remove(onChange);
    }

    public void changed(long logId) {
        Set<Runnable> set = watchers.get(logId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
        everything.forEach(w -> w.accept(logId));
    }
}
