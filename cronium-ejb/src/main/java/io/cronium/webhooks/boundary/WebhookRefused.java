package io.cronium.webhooks.boundary;

import jakarta.ejb.ApplicationException;
import java.time.Duration;

/** A webhook call refused: a missing or wrong signature (401), or too many calls (429, with the wait). */
@ApplicationException(rollback = true)
public class WebhookRefused extends RuntimeException {

    private final int status;
    private final Duration retryAfter;

    private WebhookRefused(int status, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static WebhookRefused unsigned() {
        return new WebhookRefused(401, "the signature (header X-Cronium-Signature-256) is missing or does not match"
                + " the body", null);
    }

    static WebhookRefused throttled(Duration wait) {
        return new WebhookRefused(429, "too many calls of this webhook: try again in " + Math.max(1, wait.toSeconds())
                + " s", wait);
    }

    public int status() {
        return status;
    }

    /** For a 429: how long to wait; else null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
