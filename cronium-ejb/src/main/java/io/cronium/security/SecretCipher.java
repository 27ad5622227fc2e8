package io.cronium.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for secret columns. The additional authenticated data names the table, column and row the value
 * belongs to, so a ciphertext copied to another row or column fails to decrypt instead of leaking there.
 * Stored form: base64(IV || ciphertext || tag).
 */
public final class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public SecretCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("the encryption key must be 256 bits (32 bytes, base64-encoded)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    public static SecretCipher fromBase64Key(String base64) {
        try {
            return new SecretCipher(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the encryption key is not base64 of 32 bytes");
        }
    }

    public static String newBase64Key() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The context a secret is bound to, e.g. {@code aad("env_vars", "value_enc", eventId + "/" + name)}. */
    public static String aad(String table, String column, Object row) {
        return table + "." + column + ":" + row;
    }

    public String encrypt(String plaintext, String aad) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws SecretDecryptionException when the value was altered, moved to another row, or the key differs */
    public String decrypt(String stored, String aad) {
        try {
            byte[] all = Base64.getDecoder().decode(stored);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretDecryptionException(aad);
        }
    }

    /** Names where decryption failed, never the value. */
    public static class SecretDecryptionException extends RuntimeException {
        public SecretDecryptionException(String aad) {
            super("cannot decrypt the secret of " + aad + ": wrong key, or the value was altered or moved");
        }
    }
}
