package io.cronium.security;

import java.time.Instant;

/** A signed token and the instant it stops being accepted. */
public record IssuedToken(String token, Instant expiresAt) {
}
