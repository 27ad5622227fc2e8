package io.cronium.common;

import jakarta.ejb.ApplicationException;

/** A request that the current state of a resource forbids (409). */
@ApplicationException(rollback = true)
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
