package io.cronium.users.boundary;

import java.time.Instant;

/** A newly created API token: the only time its clear value exists outside the client. */
public record IssuedApiToken(long id, String name, String token, Instant expiresAt) {
}
