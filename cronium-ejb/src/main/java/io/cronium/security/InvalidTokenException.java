package io.cronium.security;

/** A bearer token that is malformed, forged, expired or from another issuer; the message says which. */
public class InvalidTokenException extends Exception {

    public InvalidTokenException(String message) {
        super(message);
    }
}
