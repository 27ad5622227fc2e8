package io.cronium.credentials.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cronium.common.FieldError;
import io.cronium.tools.control.ToolCatalog;
import io.cronium.tools.control.ToolPlugin;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    static final ToolPlugin EMAIL = ToolCatalog.find("email").orElseThrow();
    static final ToolPlugin SLACK = ToolCatalog.find("slack").orElseThrow();
    static final ToolPlugin SHEETS = ToolCatalog.find("google-sheets").orElseThrow();

    static List<String> fields(CredentialRules.Checked checked) {
        return checked.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void goodCredentialsAreNormalised() {
        var checked = CredentialRules.check(EMAIL, Map.of("host", "smtp.example.org", "port", new BigDecimal("587"),
                "username", "ops", "password", "s3cret", "from", "ops@example.org", "security", "STARTTLS"),
                CredentialValues.none());
        assertEquals(List.of(), checked.errors());
        assertEquals("587", checked.values().values().get("port"));
        assertEquals(Map.of("host", "smtp.example.org", "port", "587", "username", "ops", "from", "ops@example.org",
                "security", "STARTTLS"), checked.values().shown(EMAIL));
        assertEquals(List.of("password"), checked.values().secretsSet(EMAIL));
        assertEquals(List.of("s3cret"), checked.values().secrets(EMAIL));
    }

    @Test
    void everyBadFieldIsNamed() {
        var checked = CredentialRules.check(EMAIL, Map.of("host", "smtp://x", "port", 70000, "from", "nobody",
                "security", "SSL", "colour", "red"), CredentialValues.none());
        assertEquals(List.of("credentials.colour", "credentials.host", "credentials.port", "credentials.from",
                "credentials.security"), fields(checked));
    }

    @Test
    void requiredFieldsAndOneOfAGroup() {
        assertEquals(List.of("credentials.host", "credentials.port", "credentials.from"),
                fields(CredentialRules.check(EMAIL, Map.of(), CredentialValues.none())));
        var neither = CredentialRules.check(SLACK, Map.of("defaultChannel", "#ops"), CredentialValues.none());
        assertEquals(List.of("credentials.webhookUrl"), fields(neither));
        assertEquals("Slack needs one of [webhookUrl, botToken]", neither.errors().get(0).message());
        assertEquals(List.of(), CredentialRules.check(SLACK, Map.of("botToken", "xoxb-1"), CredentialValues.none()).errors());
        assertEquals(List.of("credentials.webhookUrl"), fields(CredentialRules.check(SLACK,
                Map.of("webhookUrl", "ftp://hooks.example/x"), CredentialValues.none())));
        assertEquals(List.of("credentials.botToken"), fields(CredentialRules.check(SLACK,
                Map.of("botToken", 42), CredentialValues.none())), "text fields take text only");
    }

    @Test
    void aSecretLeftOutKeepsItsValueAndAnEmptyOneIsRemoved() {
        var stored = new CredentialValues(Map.of("webhookUrl", "https://hooks.example/T1", "botToken", "xoxb-old",
                "defaultChannel", "#ops"));
        var edited = CredentialRules.check(SLACK, Map.of("defaultChannel", "#alerts"), stored);
        assertEquals(Map.of("webhookUrl", "https://hooks.example/T1", "botToken", "xoxb-old", "defaultChannel", "#alerts"),
                edited.values().values());
        var removed = CredentialRules.check(SLACK, Map.of("botToken", ""), stored);
        assertEquals(Map.of("webhookUrl", "https://hooks.example/T1"), removed.values().values(),
                "a plain field left out is gone (a change sends all plain fields), an empty secret is removed");
    }

    @Test
    void aServiceAccountIsAJsonObjectGivenAsObjectOrText() {
        var asObject = CredentialRules.check(SHEETS, Map.of("serviceAccount", Map.of("type", "service_account",
                "private_key", "-----BEGIN")), CredentialValues.none());
        assertEquals(List.of(), asObject.errors());
        var asText = CredentialRules.check(SHEETS, Map.of("serviceAccount", "{\"type\":\"service_account\"}"),
                CredentialValues.none());
        assertEquals("{\"type\":\"service_account\"}", asText.values().values().get("serviceAccount"));
        assertEquals(List.of("credentials.serviceAccount"), fields(CredentialRules.check(SHEETS,
                Map.of("serviceAccount", "[1,2]"), CredentialValues.none())));
    }

    @Test
    void storedValuesRoundTripThroughJson() {
        var values = new CredentialValues(Map.of("apiKey", "k\"ey", "token", "tök"));
        assertEquals(values, CredentialValues.fromJson(values.toJson()));
    }
}
