package io.cronium.credentials.boundary;

import java.util.Map;

/** A credential as submitted: {@code credentials} holds the plugin's fields (see GET /api/v1/tools). */
public record ToolCredentialDraft(String pluginId, String name, Map<String, Object> credentials) {
}
