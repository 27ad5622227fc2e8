package io.cronium.incontainer;

import io.cronium.common.InvalidInputException;
import io.cronium.users.boundary.UserDirectory;
import io.cronium.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/** Deployed with the in-container test: writes through the business core inside one container transaction. */
@Stateless
public class RollbackProbe {

    @EJB
    UserDirectory users;

    public void create(String username) {
        users.create(username, "probe-password", Role.VIEWER);
    }

    /** Writes, then fails with an application exception that must roll the write back. */
    public void createThenFail(String username) {
        users.create(username, "probe-password", Role.VIEWER);
        throw new InvalidInputException("probe", "fails after writing");
    }
}
