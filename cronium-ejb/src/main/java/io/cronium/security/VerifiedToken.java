package io.cronium.security;

import java.time.Instant;
import java.util.Set;

/** The claims of a token whose signature, issuer and expiry were checked. */
public record VerifiedToken(String subject, Set<String> groups, Instant expiresAt, String id) {
}
