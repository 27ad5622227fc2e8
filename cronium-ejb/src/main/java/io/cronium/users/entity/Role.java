package io.cronium.users.entity;

/** VIEWER reads only; USER owns what they create; ADMIN sees and manages all. */
public enum Role {
    USER, ADMIN, VIEWER;

    public static final String[] ALL = {"USER", "ADMIN", "VIEWER"};
}
