package io.cronium.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cronium.testing.TestDatabase;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key rotation against real PostgreSQL: all or nothing, and never past a secret column it does not know. */
class KeyRotationTest {

    final SecretCipher oldKey = SecretCipher.fromBase64Key(SecretCipher.newBase64Key());
    final SecretCipher newKey = SecretCipher.fromBase64Key(SecretCipher.newBase64Key());
    long eventId;
    long credentialId;

    @BeforeEach
    void secretInTheDatabase() throws Exception {
        try (Connection c = TestDatabase.connection(); var s = c.createStatement()) {
            s.execute("delete from env_vars");
            s.execute("update servers set ssh_key_enc = null, passphrase_enc = null, password_enc = null");
            s.execute("delete from tool_credentials");
            long log = TestDatabase.newLog(c);
            try (var rows = s.executeQuery("select event_id from logs where id = " + log)) {
                rows.next();
                eventId = rows.getLong(1);
            }
            try (var insert = c.prepareStatement("insert into env_vars (event_id, name, value_enc, secret) values (?, 'TOKEN', ?, true)")) {
                insert.setLong(1, eventId);
                insert.setString(2, oldKey.encrypt("rotate-me", EncryptedColumn.ENV_VAR_VALUE.aad(eventId + "/TOKEN")));
                insert.executeUpdate();
            }
            try (var rows = s.executeQuery("insert into tool_credentials (owner_id, plugin_id, name, credentials_enc)"
                    + " select id, 'notion', 'rotated', '-' from users limit 1 returning id")) {
                rows.next();
                credentialId = rows.getLong(1);
            }
            s.execute("update tool_credentials set credentials_enc = '" + oldKey.encrypt("{\"apiKey\":\"ntn\"}",
                    EncryptedColumn.TOOL_CREDENTIALS.aad(Long.toString(credentialId))) + "' where id = " + credentialId);
        }
    }

    String stored() throws Exception {
        try (Connection c = TestDatabase.connection(); var s = c.createStatement();
             var rows = s.executeQuery("select value_enc from env_vars where event_id = " + eventId)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void everySecretEndsUnderTheNewKey() throws Exception {
        try (Connection c = TestDatabase.connection()) {
            var counts = KeyRotation.rotate(c, oldKey, newKey);
            assertEquals(1, counts.get(EncryptedColumn.ENV_VAR_VALUE));
            assertEquals(1, counts.get(EncryptedColumn.TOOL_CREDENTIALS));
        }
        String aad = EncryptedColumn.ENV_VAR_VALUE.aad(eventId + "/TOKEN");
        assertEquals("rotate-me", newKey.decrypt(stored(), aad));
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> oldKey.decrypt(stored(), aad));
        try (Connection c = TestDatabase.connection(); var s = c.createStatement();
             var rows = s.executeQuery("select credentials_enc from tool_credentials where id = " + credentialId)) {
            rows.next();
            assertEquals("{\"apiKey\":\"ntn\"}", newKey.decrypt(rows.getString(1),
                    EncryptedColumn.TOOL_CREDENTIALS.aad(Long.toString(credentialId))));
        }
    }

    @Test
    void theWrongOldKeyChangesNothing() throws Exception {
        String before = stored();
        var wrong = SecretCipher.fromBase64Key(SecretCipher.newBase64Key());
        try (Connection c = TestDatabase.connection()) {
            assertThrows(SecretCipher.SecretDecryptionException.class, () -> KeyRotation.rotate(c, wrong, newKey));
        }
        assertEquals(before, stored());
    }

    @Test
    void aSecretColumnItDoesNotKnowStopsItBeforeAnyChange() throws Exception {
        String before = stored();
        try (Connection c = TestDatabase.connection(); var s = c.createStatement()) {
            // a later feature's secret column, added without telling EncryptedColumn
            s.execute("create table later_feature (id bigint primary key, token_enc text)");
            try {
                s.execute("insert into later_feature values (1, 'ciphertext')");
                var e = assertThrows(IllegalStateException.class, () -> KeyRotation.rotate(c, oldKey, newKey));
                assertEquals(true, e.getMessage().contains("later_feature.token_enc"), e.getMessage());
            } finally {
                s.execute("drop table later_feature");
            }
        }
        assertEquals(before, stored());
    }
}
