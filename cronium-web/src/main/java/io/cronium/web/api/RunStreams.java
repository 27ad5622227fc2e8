package io.cronium.web.api;

import io.cronium.logs.boundary.LiveRunReads;
import io.cronium.logs.control.LiveRuns;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The open live streams of this node. A stream holds no thread while it waits: a change of its run (announced by
 * any node) schedules a pump on the executor, and a slow tick pumps every stream anyway, which also notices
 * clients that went away.
 */
@ApplicationScoped
public class RunStreams {

    private static final Logger LOG = Logger.getLogger(RunStreams.class.getName());
    private static final long TICK_MILLIS = 1000;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @EJB
    LiveRunReads reads;

    @Inject
    LiveRuns live;

    private final Map<RunStream, LiveRuns.Subscription> open = new ConcurrentHashMap<>();
    private ScheduledFuture<?> tick;

    @PostConstruct
    void start() {
        tick = scheduler.scheduleWithFixedDelay(() -> open.keySet().forEach(this::pump),
                TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        tick.cancel(false);
        open.values().forEach(LiveRuns.Subscription::close);
    }

    /** Starts streaming a log the caller was allowed to see, from after {@code afterChunkId}. */
    public void open(long logId, long afterChunkId, SseEventSink sink, Sse sse) {
        var stream = new RunStream(logId, afterChunkId, sink, sse, reads);
        open.put(stream, live.watch(logId, () -> executor.execute(() -> pump(stream))));
        executor.execute(() -> pump(stream));
    }

    private void pump(RunStream stream) {
        boolean more;
        try {
            more = stream.pump();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "streaming log " + stream.logId() + " failed", e);
            more = false;
        }
        if (!more) {
            var subscription = open.remove(stream);
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
