package io.cronium.logs.control;

import io.cronium.platform.ApplicationDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL for run changes announced by any node (LISTEN/NOTIFY) and tells this node's watchers, so a
 * browser or stream on any node follows runs on every node. Reconnects by itself when the connection drops.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
public class RunChangeListener {

    private static final Logger LOG = Logger.getLogger(RunChangeListener.class.getName());
    private static final int WAIT_MILLIS = 500;

    @Inject
    ApplicationDatabase database;

    @Inject
    LiveRuns live;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running = true;
    private Thread listener;

    @PostConstruct
    void start() {
        listener = threads.newThread(this::listen);
        listener.setName("cronium-run-changes");
        listener.setDaemon(true);
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        listener.interrupt();
    }

    private void listen() {
        while (running) {
            try (Connection c = database.dataSource().getConnection()) {
                try (var s = c.createStatement()) {
                    s.execute("listen " + LogTable.CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            deliver(n.getParameter());
                        }
                    }
                }
            } catch (LinkageError e) {
                LOG.warning("the PostgreSQL driver is not visible to the application, so run changes made on other"
                        + " nodes reach live views only by their periodic refresh: " + e);
                return;
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "listening for run changes failed; reconnecting in a second", e);
                    pause();
                }
            }
        }
    }

    private void deliver(String logId) {
        try {
            live.changed(Long.parseLong(logId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a run watcher failed on log " + logId, e);
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
