package io.cronium.tools.control;

import static io.cronium.tools.control.CredentialField.Kind.EMAIL;
import static io.cronium.tools.control.CredentialField.Kind.HOST;
import static io.cronium.tools.control.CredentialField.Kind.JSON_OBJECT;
import static io.cronium.tools.control.CredentialField.Kind.PORT;
import static io.cronium.tools.control.CredentialField.Kind.TEXT;
import static io.cronium.tools.control.CredentialField.Kind.URL;
import static io.cronium.tools.control.CredentialField.plain;
import static io.cronium.tools.control.CredentialField.secret;

import java.util.List;
import java.util.Optional;

/** The built-in tool plugins of the seed, with the credentials each service's API asks for. */
public final class ToolCatalog {

    public static final List<ToolPlugin> BUILT_IN = List.of(
            new ToolPlugin("slack", "Slack", "communication", "Send messages to Slack channels",
                    List.of(secret("webhookUrl", "Incoming webhook URL", URL).optional(),
                            secret("botToken", "Bot token (xoxb-...)", TEXT).optional(),
                            plain("defaultChannel", "Default channel", TEXT).optional()),
                    List.of("webhookUrl", "botToken")),
            new ToolPlugin("discord", "Discord", "communication", "Send messages through a Discord webhook",
                    List.of(secret("webhookUrl", "Webhook URL", URL))),
            new ToolPlugin("email", "Email", "communication", "Send e-mail through an SMTP server",
                    List.of(plain("host", "SMTP host", HOST), plain("port", "SMTP port", PORT),
                            plain("username", "User name", TEXT).optional(), secret("password", "Password", TEXT).optional(),
                            plain("from", "From address", EMAIL),
                            plain("security", "Connection security", TEXT).oneOf("NONE", "STARTTLS", "TLS").optional())),
            new ToolPlugin("teams", "Microsoft Teams", "communication", "Post messages and adaptive cards to a channel",
                    List.of(secret("webhookUrl", "Incoming webhook URL", URL))),
            new ToolPlugin("google-sheets", "Google Sheets", "productivity", "Read and write spreadsheet rows",
                    List.of(secret("serviceAccount", "Service account key (JSON)", JSON_OBJECT))),
            new ToolPlugin("notion", "Notion", "productivity", "Create pages and update databases",
                    List.of(secret("apiKey", "Integration token", TEXT))),
            new ToolPlugin("trello", "Trello", "productivity", "Create cards and manage boards",
                    List.of(plain("apiKey", "API key", TEXT), secret("token", "Token", TEXT))));

    private ToolCatalog() {
    }

    public static Optional<ToolPlugin> find(String id) {
        return BUILT_IN.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
