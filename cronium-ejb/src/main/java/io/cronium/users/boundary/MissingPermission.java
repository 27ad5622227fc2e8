package io.cronium.users.boundary;

import jakarta.ejb.EJBAccessException;

/** A caller whose role allows the call but who lacks the permission it needs: a 403 that names the permission. */
public class MissingPermission extends EJBAccessException {

    public MissingPermission(String message) {
        super(message);
    }
}
