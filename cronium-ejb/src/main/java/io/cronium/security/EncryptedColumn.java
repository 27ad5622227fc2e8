package io.cronium.security;

/**
 * Every encrypted column and how its additional authenticated data names the row: the single list that key
 * rotation walks. A new secret column must be added here, or rotation refuses to run while it holds data.
 */
public enum EncryptedColumn {

    ENV_VAR_VALUE("env_vars", "value_enc", "event_id || '/' || name"),
    SERVER_SSH_KEY("servers", "ssh_key_enc", "id"),
    SERVER_PASSPHRASE("servers", "passphrase_enc", "id"),
    SERVER_PASSWORD("servers", "password_enc", "id"),
    VARIABLE_VALUE("variables", "value_enc", "owner_id || '/' || key"),
    WEBHOOK_HMAC_SECRET("webhooks", "hmac_secret_enc", "id"),
    TOOL_CREDENTIALS("tool_credentials", "credentials_enc", "id");

    private final String table;
    private final String column;
    private final String rowExpression;

    EncryptedColumn(String table, String column, String rowExpression) {
        this.table = table;
        this.column = column;
        this.rowExpression = rowExpression;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** SQL over the row's columns giving the row part of the AAD, e.g. "7/TOKEN" for an environment variable. */
    public String rowExpression() {
        return rowExpression;
    }

    public String aad(String row) {
        return SecretCipher.aad(table, column, row);
    }
}
