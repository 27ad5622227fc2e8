package io.cronium.credentials.boundary;

import io.cronium.credentials.control.CredentialValues;
import io.cronium.credentials.entity.ToolCredential;
import io.cronium.tools.control.ToolPlugin;
import java.util.List;
import java.util.Map;

/**
 * A credential with what may be shown of it: its plain fields and the names of the secret ones that are set; none
 * when it cannot be decrypted ({@code readable} false: the key changed, or the value was altered or moved).
 */
public record StoredCredential(ToolCredential credential, ToolPlugin plugin, Map<String, String> shown,
                               List<String> secretsSet, boolean readable) {

    static StoredCredential of(ToolCredential credential, ToolPlugin plugin, CredentialValues values) {
        return new StoredCredential(credential, plugin, values.shown(plugin), values.secretsSet(plugin), true);
    }

    static StoredCredential unreadable(ToolCredential credential, ToolPlugin plugin) {
        return new StoredCredential(credential, plugin, Map.of(), List.of(), false);
    }
}
