package io.cronium.webhooks.boundary;

import io.cronium.common.Jsons;
import io.cronium.common.ConflictException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.events.entity.Event;
import io.cronium.events.entity.EventStatus;
import io.cronium.jobs.control.RunEnqueuer;
import io.cronium.security.EncryptedColumn;
import io.cronium.security.Secrets;
import io.cronium.webhooks.control.WebhookKey;
import io.cronium.webhooks.control.WebhookRateLimit;
import io.cronium.webhooks.control.WebhookSignature;
import io.cronium.webhooks.entity.Webhook;
import io.cronium.workflows.control.WorkflowEngine;
import io.cronium.workflows.entity.Workflow;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A call of a webhook: no user is signed in; the key (and, when the webhook has a secret, the body's signature)
 * authenticates. The body becomes the run's input: JSON as it is, other text as a JSON string.
 */
@Stateless
@PermitAll
public class WebhookTriggers {

    /** What a call started: a run of the event, or a run of the workflow. */
    public record Triggered(Long logId, Long jobId, Long workflowExecutionId) {
    }

    @PersistenceContext
    EntityManager em;

    @Inject
    WebhookRateLimit limit;

    @Inject
    Secrets secrets;

    @EJB
    RunEnqueuer enqueuer;

    @EJB
    WorkflowEngine workflows;

    public Triggered trigger(String key, byte[] body, String signature) {
        String hash = WebhookKey.hash(key == null ? "" : key);
        Webhook webhook = em.createQuery("select w from Webhook w where w.key = :hash", Webhook.class)
                .setParameter("hash", hash).getResultList().stream().findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("webhook", "with this key"));
        Duration wait = limit.admit(hash); // counted before the signature check, so guessing secrets is throttled too
        if (!wait.isZero()) {
            throw WebhookRefused.throttled(wait);
        }
        if (webhook.getHmacSecretEncrypted() != null && !WebhookSignature.matches(secrets.decrypt(
                webhook.getHmacSecretEncrypted(), EncryptedColumn.WEBHOOK_HMAC_SECRET.aad(webhook.getId().toString())),
                body, signature)) {
            throw WebhookRefused.unsigned();
        }
        webhook.used(Instant.now());
        String input = input(body);
        if (webhook.getEventId() != null) {
            Event event = em.find(Event.class, webhook.getEventId());
            if (event.getStatus() == EventStatus.ARCHIVED) {
                throw new ConflictException("event " + event.getId() + " is archived and cannot run");
            }
            var ticket = enqueuer.enqueue(event, input, RunEnqueuer.Origin.of("WEBHOOK"));
            return new Triggered(ticket.logId(), ticket.jobId(), null);
        }
        var run = workflows.start(em.find(Workflow.class, webhook.getWorkflowId()), "WEBHOOK", input, Map.of());
        return new Triggered(null, null, run.getId());
    }

    private static String input(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        try (var reader = Jsons.createReader(new StringReader(text))) {
            reader.readValue();
            return text;
        } catch (JsonException e) {
            return Jsons.createValue(text).toString();
        }
    }
}
