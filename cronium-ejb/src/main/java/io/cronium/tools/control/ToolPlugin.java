package io.cronium.tools.control;

import java.util.List;
import java.util.Optional;

/**
 * A tool integration as users see it: its id (used by credentials and tool events) and its credential fields, of
 * which at least one of {@code oneOfRequired} must be given when it is not empty (Slack: a webhook or a bot token).
 */
public record ToolPlugin(String id, String name, String category, String description, List<CredentialField> credentials,
                         List<String> oneOfRequired) {

    public ToolPlugin {
        credentials = List.copyOf(credentials);
        oneOfRequired = List.copyOf(oneOfRequired);
    }

    ToolPlugin(String id, String name, String category, String description, List<CredentialField> credentials) {
        this(id, name, category, description, credentials, List.of());
    }

    public Optional<CredentialField> field(String name) {
        return credentials.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
