package io.cronium.users.boundary;

import jakarta.ejb.ApplicationException;
import jakarta.ejb.EJBAccessException;

/**
 * A caller whose role allows the call but who lacks the permission it needs: a 403 that names the permission. An
 * application exception, so that the container hands it to the caller as it is instead of logging a refusal as a
 * failure of the server, with its stack trace.
 */
@ApplicationException(rollback = true)
public class MissingPermission extends EJBAccessException {

    public MissingPermission(String message) {
        super(message);
    }
}
