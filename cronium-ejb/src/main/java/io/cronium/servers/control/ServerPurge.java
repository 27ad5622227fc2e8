package io.cronium.servers.control;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.platform.Mailer;
import io.cronium.servers.entity.Server;
import io.cronium.users.entity.User;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The end of a deleted server: its owner is mailed {@code cronium.servers.purge-warning-days} (3) before it goes,
 * and it is purged {@code cronium.servers.retention-days} (30) after its deletion, never sooner than the warning
 * period after the warning (a warning that could not be sent holds the purge back: nothing goes unannounced).
 * Rows are taken with SKIP LOCKED, so several nodes never warn or purge the same server twice.
 */
@Stateless
public class ServerPurge {

    private static final Logger LOG = Logger.getLogger(ServerPurge.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    @PersistenceContext
    EntityManager em;

    @Inject
    Mailer mailer;

    @EJB
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "cronium.servers.retention-days", defaultValue = "30")
    int retentionDays;

    @Inject
    @ConfigProperty(name = "cronium.servers.purge-warning-days", defaultValue = "3")
    int warningDays;

    @Inject
    @ConfigProperty(name = "cronium.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    /** Whether a round has anything to do (cheap: the timer asks before it starts a batch job). */
    public boolean due(Instant now) {
        return !ids("select id from servers where deleted_at <= ?1 and purge_warned_at is null", warnFrom(now)).isEmpty()
                || !expired(now, false).isEmpty();
    }

    /** Warns, then purges, whatever is due; returns a one-line summary (the batch step's exit status). */
    public String round(Instant now) {
        int warned = 0;
        int held = 0;
        for (long id : ids("select id from servers where deleted_at <= ?1 and purge_warned_at is null"
                + " order by id for update skip locked", warnFrom(now))) {
            if (warn(em.find(Server.class, id), now)) {
                warned++;
            } else {
                held++;
            }
        }
        List<Long> expired = expired(now, true);
        for (long id : expired) {
            purge(em.find(Server.class, id));
        }
        return "warned " + warned + ", purged " + expired.size() + (held > 0 ? ", " + held + " warnings not sent (retried)" : "");
    }

    private Instant warnFrom(Instant now) {
        return now.minus(Duration.ofDays(retentionDays - Math.min(warningDays, retentionDays)));
    }

    private List<Long> expired(Instant now, boolean lock) {
        return ids("select id from servers where deleted_at <= ?1 and purge_warned_at <= ?2 order by id"
                + (lock ? " for update skip locked" : ""), now.minus(Duration.ofDays(retentionDays)),
                now.minus(Duration.ofDays(warningDays)));
    }

    /** Mails the owner; false (and the server kept unwarned) when mail is configured but sending failed. */
    private boolean warn(Server server, Instant now) {
        Instant purgeAt = later(server.getDeletedAt().plus(Duration.ofDays(retentionDays)), now.plus(Duration.ofDays(warningDays)));
        User owner = em.find(User.class, server.getOwnerId());
        String email = owner == null ? null : owner.getEmail();
        if (mailer.isConfigured() && email != null && !email.isBlank()) {
            try {
                mailer.send(email, "Cronium: server '" + server.getName() + "' will be deleted for good on " + DAY.format(purgeAt),
                        "The server '" + server.getName() + "' (" + server.getUsername() + "@" + server.getHost() + ":"
                                + server.getPort() + ") was deleted on " + DAY.format(server.getDeletedAt()) + ".\n\n"
                                + "It will be deleted permanently, with its stored credentials, on " + DAY.format(purgeAt)
                                + ".\nTo keep it, restore it before then: Servers > Deleted in the console ("
                                + publicUrl.replaceAll("/+$", "") + "/app/servers.xhtml), or\n"
                                + "POST /api/v1/servers/" + server.getId() + "/restore\n");
            } catch (MessagingException e) {
                LOG.warning("server " + server.getId() + ": the purge warning to its owner could not be sent ("
                        + e.getMessage() + "); it is kept until a warning goes out");
                return false;
            }
        } else {
            LOG.info("server " + server.getId() + " will be purged on " + DAY.format(purgeAt) + "; its owner is not mailed ("
                    + (mailer.isConfigured() ? "no e-mail address" : "no mail server configured") + ")");
        }
        server.purgeWarned(now);
        audit.record("system", "SERVER_PURGE_WARNED", "server:" + server.getId(), server.getName() + " on " + DAY.format(purgeAt));
        return true;
    }

    private void purge(Server server) {
        long id = server.getId();
        em.createNativeQuery("delete from event_servers where server_id = ?1").setParameter(1, id).executeUpdate();
        em.createNativeQuery("delete from workflow_servers where server_id = ?1").setParameter(1, id).executeUpdate();
        em.remove(server);
        audit.record("system", "SERVER_PURGED", "server:" + id, server.getName());
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, java.sql.Timestamp.from((Instant) parameters[i]));
        }
        return ((List<Number>) query.getResultList()).stream().map(Number::longValue).toList();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
