package io.cronium.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private final SecretCipher cipher = SecretCipher.fromBase64Key(SecretCipher.newBase64Key());
    private final String row7 = SecretCipher.aad("env_vars", "value_enc", "7/TOKEN");

    @Test
    void aValueDecryptsInTheRowItWasEncryptedFor() {
        String sealed = cipher.encrypt("hunter2 ünïcode", row7);
        assertEquals("hunter2 ünïcode", cipher.decrypt(sealed, row7));
        assertFalse(sealed.contains("hunter2"));
    }

    @Test
    void aCiphertextCopiedToAnotherRowOrColumnFailsToDecrypt() {
        String sealed = cipher.encrypt("hunter2", row7);
        assertThrows(SecretCipher.SecretDecryptionException.class,
                () -> cipher.decrypt(sealed, SecretCipher.aad("env_vars", "value_enc", "8/TOKEN")));
        assertThrows(SecretCipher.SecretDecryptionException.class,
                () -> cipher.decrypt(sealed, SecretCipher.aad("servers", "password_enc", "7/TOKEN")));
    }

    @Test
    void anAlteredCiphertextOrAnotherKeyFailsAndTheErrorHoldsNoSecret() {
        String sealed = cipher.encrypt("hunter2", row7);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        var e = assertThrows(SecretCipher.SecretDecryptionException.class,
                () -> cipher.decrypt(Base64.getEncoder().encodeToString(bytes), row7));
        assertFalse(e.getMessage().contains("hunter2"));
        var other = SecretCipher.fromBase64Key(SecretCipher.newBase64Key());
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> other.decrypt(sealed, row7));
        assertThrows(SecretCipher.SecretDecryptionException.class, () -> cipher.decrypt("not base64!", row7));
    }

    @Test
    void eachEncryptionUsesAFreshIv() {
        assertNotEquals(cipher.encrypt("same", row7), cipher.encrypt("same", row7));
    }

    @Test
    void keysMustBe256Bits() {
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromBase64Key("c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> SecretCipher.fromBase64Key("***"));
    }
}
