package io.cronium.servers.boundary;

import java.time.Instant;

/** What a health check found: reachable or not, and if not, in which phase and why. */
public record ServerHealth(boolean online, Instant checkedAt, Instant lastSeenAt, String phase, String error,
                           String hostKeyFingerprint) {
}
