package io.cronium.events.control;

import io.cronium.security.EncryptedColumn;

/** Binds a secret environment value to its event and variable name: copied to another row, it does not decrypt. */
public final class EnvVarAad {

    private EnvVarAad() {
    }

    public static String of(long eventId, String name) {
        return EncryptedColumn.ENV_VAR_VALUE.aad(eventId + "/" + name);
    }
}
