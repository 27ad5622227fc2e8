package io.cronium.webhooks.boundary;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.entity.Event;
import io.cronium.platform.KeysetQuery;
import io.cronium.platform.Page;
import io.cronium.security.EncryptedColumn;
import io.cronium.security.Secrets;
import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import io.cronium.webhooks.control.WebhookKey;
import io.cronium.webhooks.entity.Webhook;
import io.cronium.workflows.entity.Workflow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The webhooks of their owner (all, for an admin): created with a key shown once, listed, deleted. */
@Stateless
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
public class WebhookService {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    /** A new webhook and its key, which is never shown again. */
    public record Created(Webhook webhook, String key) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    CallerResolver callers;

    @Inject
    Secrets secrets;

    @EJB
    AuditTrail audit;

    @RolesAllowed({"USER", "ADMIN"})
    public Created create(WebhookDraft draft) {
        Caller caller = callers.current();
        if (draft == null || (draft.eventId() == null) == (draft.workflowId() == null)) {
            throw new InvalidInputException("eventId", "give either eventId or workflowId");
        }
        Long owner = draft.eventId() != null ? ownerOf(Event.class, draft.eventId(), caller)
                : ownerOf(Workflow.class, draft.workflowId(), caller);
        if (owner == null) {
            throw new InvalidInputException(draft.eventId() != null ? "eventId" : "workflowId",
                    (draft.eventId() != null ? "event " + draft.eventId() : "workflow " + draft.workflowId())
                            + " not found");
        }
        String secret = draft.hmacSecret();
        if (secret != null && (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET)) {
            throw new InvalidInputException("hmacSecret", MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        var key = WebhookKey.generate();
        var webhook = Webhook.of(owner, key.hash(), key.hint(), draft.eventId(), draft.workflowId());
        em.persist(webhook);
        em.flush();
        if (secret != null) {
            webhook.hmacSecret(secrets.encrypt(secret, EncryptedColumn.WEBHOOK_HMAC_SECRET.aad(webhook.getId().toString())));
        }
        audit.record(caller.username(), "WEBHOOK_CREATED", "webhook:" + webhook.getId(),
                draft.eventId() != null ? "event " + draft.eventId() : "workflow " + draft.workflowId());
        return new Created(webhook, key.key());
    }

    public Page<Webhook> list(Long beforeId, int limit) {
        Caller caller = callers.current();
        return new KeysetQuery<>(Webhook.class, "w", beforeId)
                .where("w.ownerId = :owner", "owner", caller.isAdmin() ? null : caller.userId())
                .page(em, limit, Webhook::getId);
    }

    @RolesAllowed({"USER", "ADMIN"})
    public void delete(long id) {
        Caller caller = callers.current();
        Webhook webhook = em.find(Webhook.class, id);
        if (webhook == null || !caller.canSee(webhook.getOwnerId())) {
            throw new ResourceNotFoundException("webhook", id);
        }
        em.remove(webhook);
        audit.record(caller.username(), "WEBHOOK_DELETED", "webhook:" + id, "");
    }

    /** The owner of the event or workflow when the caller may use it; null if not (or it does not exist). */
    private Long ownerOf(Class<?> type, long id, Caller caller) {
        Object target = em.find(type, id);
        Long owner = target instanceof Event e ? Long.valueOf(e.getOwnerId())
                : target instanceof Workflow w ? Long.valueOf(w.getOwnerId()) : null;
        return owner != null && caller.canSee(owner) ? owner : null;
    }
}
