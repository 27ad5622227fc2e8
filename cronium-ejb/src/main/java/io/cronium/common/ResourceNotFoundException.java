package io.cronium.common;

import jakarta.ejb.ApplicationException;

/** A resource that does not exist or that the caller may not see (both look the same: 404). */
@ApplicationException(rollback = true)
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String kind, Object id) {
        super(kind + " " + id + " not found");
    }
}
