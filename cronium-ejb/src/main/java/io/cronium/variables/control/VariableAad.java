package io.cronium.variables.control;

import io.cronium.security.EncryptedColumn;

/** A secret variable's ciphertext is bound to its owner and key: copied to another row, it does not decrypt. */
public final class VariableAad {

    private VariableAad() {
    }

    public static String of(long ownerId, String key) {
        return EncryptedColumn.VARIABLE_VALUE.aad(ownerId + "/" + key);
    }
}
