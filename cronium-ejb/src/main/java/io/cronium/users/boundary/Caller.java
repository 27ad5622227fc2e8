package io.cronium.users.boundary;

import io.cronium.users.entity.Permission;
import io.cronium.users.entity.Role;
import java.util.Set;

/** The authenticated user on whose behalf a business method runs; queries are scoped by it. */
public record Caller(long userId, String username, Role role, Set<Permission> permissions) {

    /** @throws MissingPermission (403 naming the permission) unless the caller holds the permission */
    public void require(Permission permission) {
        if (!permissions.contains(permission)) {
            throw new MissingPermission("the permission " + permission + " is needed for this");
        }
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether rows owned by {@code ownerId} are visible to this caller. */
    public boolean canSee(long ownerId) {
        return isAdmin() || ownerId == userId;
    }
}
