package io.cronium.web.console;

import io.cronium.logs.boundary.LiveRunReads;
import io.cronium.logs.control.LiveRuns;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.omnifaces.cdi.Push;
import org.omnifaces.cdi.PushContext;

/**
 * Tells open console pages, over their WebSocket, that a run changed: only the sockets of the run's owner and of
 * administrators, so nobody learns that another user's run exists. The page then fetches what changed itself.
 */
@ApplicationScoped
public class RunPush {

    private static final Logger LOG = Logger.getLogger(RunPush.class.getName());
    private static final int OWNER_CACHE = 10_000;

    @Inject
    @Push(channel = "runs")
    PushContext runs;

    @Inject
    LiveRuns live;

    @EJB
    LiveRunReads reads;

    private final Map<Long, Long> owners = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > OWNER_CACHE;
        }
    });
    private LiveRuns.Subscription subscription;

    /** The socket user key of a console session: administrators share one, everyone else has their own. */
    public static String socketUser(long userId, boolean admin) {
        return admin ? "role:ADMIN" : "user:" + userId;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object application) {
        subscription = live.watchAll(this::changed);
    }

    @PreDestroy
    void stop() {
        if (subscription != null) {
            subscription.close();
        }
    }

    private void changed(long logId) {
        try {
            Long owner = owners.get(logId);
            if (owner == null) {
                owner = reads.ownerOf(logId).orElse(null);
                if (owner == null) {
                    return;
                }
                owners.put(logId, owner);
            }
            runs.send(Map.of("logId", logId), List.of(socketUser(owner, false), socketUser(0, true)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "pushing a change of log " + logId + " failed", e);
        }
    }
}
