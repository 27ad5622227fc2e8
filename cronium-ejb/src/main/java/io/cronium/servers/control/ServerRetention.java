package io.cronium.servers.control;

import io.cronium.batch.maintenance.Maintenance;
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
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every hour ({@code cronium.servers.purge-every-seconds}) looks whether a deleted server is due for its warning or
 * its purge, and if so runs {@link ServerPurge} as the maintenance batch job {@value #TASK}.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServerRetention {

    static final String TASK = "purge-deleted-servers";
    private static final Logger LOG = Logger.getLogger(ServerRetention.class.getName());

    @EJB
    ServerPurge purge;

    @Inject
    Maintenance maintenance;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "cronium.servers.purge-every-seconds", defaultValue = "3600")
    int everySeconds;

    @PostConstruct
    void init() {
        maintenance.register(TASK, () -> purge.round(Instant.now()));
        timers.createIntervalTimer(everySeconds * 1000L, everySeconds * 1000L, new TimerConfig("server-retention", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // io.cronium.platform: timer callouts
    void tick() {
        try {
            if (purge.due(Instant.now())) {
                maintenance.start(TASK);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the deleted servers' purge could not start; the next round retries", e);
        }
    }
}
