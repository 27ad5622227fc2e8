package io.cronium.webhooks.boundary;

/** A webhook as a client asks for one: for an event or a workflow, with an optional secret for signed calls. */
public record WebhookDraft(Long eventId, Long workflowId, String hmacSecret) {
}
