package io.cronium.execution.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A host key's SHA256 fingerprint as {@code ssh-keygen -lf} prints it, from a key stored as "type base64". */
public final class HostKeyFingerprint {

    private HostKeyFingerprint() {
    }

    public static String of(String typeAndKey) {
        if (typeAndKey == null) {
            return "none";
        }
        try {
            byte[] key = Base64.getDecoder().decode(typeAndKey.substring(typeAndKey.indexOf(' ') + 1)
                    .getBytes(StandardCharsets.US_ASCII));
            return "SHA256:" + Base64.getEncoder().withoutPadding()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException | RuntimeException e) {
            return "unreadable key";
        }
    }
}
