/** Inbound webhooks: a secret key (and optional HMAC signature) that triggers an event or a workflow. */
package io.cronium.webhooks;
