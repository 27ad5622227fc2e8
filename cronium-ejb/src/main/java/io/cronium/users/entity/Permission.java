package io.cronium.users.entity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rights beyond the role, granted per user by an administrator. ADMIN holds them all; a USER only those granted.
 * Stored as a comma-separated list in users.permissions.
 */
public enum Permission {
    /** Run events on remote servers over SSH. */
    RUN_REMOTE,
    /** Create, change and delete SSH servers. */
    MANAGE_SERVERS,
    /** Use tool credentials (Slack, e-mail...) in events. */
    USE_TOOL_CREDENTIALS;

    public static Set<Permission> parse(String stored) {
        if (stored == null || stored.isBlank()) {
            return EnumSet.noneOf(Permission.class);
        }
        return Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Permission::valueOf).collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }

    public static String format(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }
}
