package io.cronium.users.boundary;

import io.cronium.users.entity.Role;

/** The authenticated user on whose behalf a business method runs; queries are scoped by it. */
public record Caller(long userId, String username, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** Whether rows owned by {@code ownerId} are visible to this caller. */
    public boolean canSee(long ownerId) {
        return isAdmin() || ownerId == userId;
    }
}
