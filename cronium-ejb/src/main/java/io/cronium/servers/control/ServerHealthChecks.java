package io.cronium.servers.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every minute ({@code cronium.servers.check-tick-seconds}), checks the servers whose last check is older than {@code cronium.servers.check-every-seconds},
 * so their online status and last-seen time stay current without anyone pressing "check". Servers are claimed with
 * SKIP LOCKED and their check time moved first, so several nodes never check the same server twice.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServerHealthChecks {

    private static final Logger LOG = Logger.getLogger(ServerHealthChecks.class.getName());

    @EJB
    ServerHealthRound probe;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "cronium.servers.check-tick-seconds", defaultValue = "60")
    int tickSeconds;

    @PostConstruct
    void init() {
        timers.createIntervalTimer(tickSeconds * 1000L, tickSeconds * 1000L, new TimerConfig("server-health", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void tick() {
        try {
            for (long id : probe.due()) {
                probe.check(id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "server health checks failed; the next minute retries", e);
        }
    }
}
