package io.cronium.scheduling.boundary;

import io.cronium.platform.ApplicationDatabase;
import io.cronium.scheduling.control.Scheduler;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** One pass of the scheduler in a transaction of its own: slots, jobs and next fire times commit together. */
@Stateless
public class SchedulerPass {

    /** How late a slot may be and still run as usual; older, it follows its event's misfire policy. */
    public static final String MISFIRE_THRESHOLD = "cronium.scheduler.misfire-threshold-seconds";
    public static final String MISFIRE_THRESHOLD_DEFAULT = "60";

    @Inject
    ApplicationDatabase database;

    @Inject
    @ConfigProperty(name = MISFIRE_THRESHOLD, defaultValue = MISFIRE_THRESHOLD_DEFAULT)
    long misfireThresholdSeconds;

    @Inject
    @ConfigProperty(name = "cronium.scheduler.run-all-limit", defaultValue = "100")
    int runAllLimit;

    @Inject
    @ConfigProperty(name = "cronium.scheduler.batch", defaultValue = "200")
    int batch;

    @Inject
    @ConfigProperty(name = "cronium.scheduler.lookahead-ms", defaultValue = "2500")
    long lookaheadMillis;

    private Scheduler scheduler;

    public int batch() {
        return batch;
    }

    @PostConstruct
    void init() {
        scheduler = new Scheduler(Duration.ofSeconds(misfireThresholdSeconds), runAllLimit, Duration.ofMillis(lookaheadMillis));
    }

    public long lookaheadMillis() {
        return lookaheadMillis;
    }

    /** The earliest next fire time of any active event, to arm the precise timer for it. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public java.util.Optional<Instant> nextDue() {
        try (var connection = database.dataSource().getConnection(); var s = connection.createStatement();
             var rows = s.executeQuery("select min(next_fire_at) from events where status = 'ACTIVE'")) {
            rows.next();
            var next = rows.getTimestamp(1);
            return java.util.Optional.ofNullable(next).map(java.sql.Timestamp::toInstant);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the next due instant failed", e);
        }
    }

    /** One batch of due events, committed on return. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Scheduler.Pass fireDue(Instant now) {
        try (var connection = database.dataSource().getConnection()) {
            return scheduler.fireDue(connection, now, batch);
        } catch (SQLException e) {
            throw new IllegalStateException("the scheduler pass failed", e);
        }
    }
}
