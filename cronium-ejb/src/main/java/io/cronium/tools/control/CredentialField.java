package io.cronium.tools.control;

import java.util.List;

/**
 * One field of a plugin's credentials. A secret field is stored encrypted with the rest and never shown again; the
 * others are shown so that a user can tell two credentials apart.
 */
public record CredentialField(String name, String label, Kind kind, boolean required, boolean secret, List<String> choices) {

    /** What a value must look like. */
    public enum Kind {
        TEXT, URL, EMAIL, HOST, PORT, JSON_OBJECT
    }

    public CredentialField {
        choices = List.copyOf(choices);
    }

    static CredentialField secret(String name, String label, Kind kind) {
        return new CredentialField(name, label, kind, true, true, List.of());
    }

    static CredentialField plain(String name, String label, Kind kind) {
        return new CredentialField(name, label, kind, true, false, List.of());
    }

    CredentialField optional() {
        return new CredentialField(name, label, kind, false, secret, choices);
    }

    /** The only values this field takes (TEXT fields only). */
    CredentialField oneOf(String... values) {
        return new CredentialField(name, label, kind, required, secret, List.of(values));
    }
}
