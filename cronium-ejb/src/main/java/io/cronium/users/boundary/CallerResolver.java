package io.cronium.users.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** Turns the container's caller principal into our user row. */
@Stateless
@PermitAll
public class CallerResolver {

    @Resource
    SessionContext context;

    @EJB
    UserDirectory users;

    public Caller current() {
        var principal = context.getCallerPrincipal();
        if (principal == null) {
            throw new EJBAccessException("not authenticated");
        }
        return users.byUsername(principal.getName())
                .filter(u -> u.isEnabled())
                .map(u -> new Caller(u.getId(), u.getUsername(), u.getRole(), u.getPermissions()))
                .orElseThrow(() -> new EJBAccessException("unknown user"));
    }
}
