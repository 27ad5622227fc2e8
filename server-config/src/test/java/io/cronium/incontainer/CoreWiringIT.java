package io.cronium.incontainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cronium.common.InvalidInputException;
import io.cronium.events.boundary.EventService;
import io.cronium.users.boundary.UserDirectory;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import java.io.File;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real WAR inside a managed Payara Micro: migrations at deployment, container-managed transactions and role
 * checks, and the EJB timer heartbeat that dispatches a queued job to a worker that runs it.
 */
@ExtendWith(ArquillianExtension.class)
class CoreWiringIT {

    @Deployment
    static WebArchive cronium() {
        Path war = Path.of(System.getProperty("cronium.dist", "target/cronium"), "cronium.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(war.toString()))
                .addClasses(RollbackProbe.class);
    }

    @Resource(lookup = "jdbc/cronium")
    DataSource dataSource;

    @EJB
    UserDirectory users;

    @EJB
    EventService events;

    @EJB
    RollbackProbe probe;

    @Test
    void theSchemaWasMigratedAtDeployment() throws Exception {
        try (var c = dataSource.getConnection(); var s = c.createStatement();
             var rows = s.executeQuery("select max(version::int) from flyway_schema_history where success")) {
            rows.next();
            assertTrue(rows.getInt(1) >= 1);
        }
    }

    @Test
    void aBusinessFailureRollsBackTheWholeTransaction() {
        assertThrows(InvalidInputException.class, () -> probe.createThenFail("rolled-back"));
        assertTrue(users.byUsername("rolled-back").isEmpty(), "the write before the failure was rolled back");
        probe.create("committed");
        assertTrue(users.byUsername("committed").isPresent());
    }

    @Test
    void theContainerEnforcesRolesOnBusinessMethods() {
        assertThrows(EJBAccessException.class, () -> events.list(null, 10));
    }

    @Test
    void aQueuedJobIsDispatchedByTheTimerHeartbeatAndRun() throws Exception {
        long logId;
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            try (var rows = s.executeQuery("""
                    with u as (insert into users (username, password_hash, role) values ('wiring', 'x', 'USER') returning id),
                         e as (insert into events (owner_id, name, type, content) select id, 'wiring', 'BASH', 'x' from u returning id, owner_id),
                         l as (insert into logs (event_id, owner_id, status) select id, owner_id, 'PENDING' from e returning id, event_id)
                    insert into jobs (event_id, log_id, status, priority, payload)
                    select event_id, id, 'QUEUED', 1, '{"type":"BASH","script":"echo in-container","timeoutSeconds":10,"env":{}}' from l
                    returning log_id""")) {
                rows.next();
                logId = rows.getLong(1);
            }
        }
        String status = "PENDING";
        String output = null;
        String error = null;
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && ("PENDING".equals(status) || "RUNNING".equals(status))) {
            Thread.sleep(200);
            try (Connection c = dataSource.getConnection(); var s = c.createStatement();
                 var rows = s.executeQuery("select status, output, error from logs where id = " + logId)) {
                rows.next();
                status = rows.getString(1);
                output = rows.getString(2);
                error = rows.getString(3);
            }
        }
        assertEquals("SUCCESS", status, error);
        assertEquals("in-container\n", output);
    }
}
