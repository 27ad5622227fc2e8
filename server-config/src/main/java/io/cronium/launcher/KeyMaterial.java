package io.cronium.launcher;

import io.cronium.security.SecretCipher;
import io.cronium.security.SigningKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The keys the embedded default keeps in {@code DATA_DIR/keys}, created on first start and readable only by
 * their owner: the token signing key, and the encryption key unless ENCRYPTION_KEY is given.
 */
public record KeyMaterial(Path signingKey, String encryptionKey, boolean encryptionKeyGenerated) {

    public static KeyMaterial ensure(Path dataDir, Map<String, String> env) throws IOException {
        Path keys = dataDir.resolve("keys");
        Files.createDirectories(keys);
        Path signing = keys.resolve("jwt-signing.pem");
        if (!Files.exists(signing)) {
            writePrivate(signing, SigningKeys.generate().privateKeyPem());
        }
        String configured = env.get("ENCRYPTION_KEY");
        if (configured != null && !configured.isBlank()) {
            return new KeyMaterial(signing, configured.trim(), false);
        }
        Path encryption = keys.resolve("encryption.key");
        boolean generated = !Files.exists(encryption);
        if (generated) {
            writePrivate(encryption, SecretCipher.newBase64Key());
        }
        return new KeyMaterial(signing, Files.readString(encryption, StandardCharsets.US_ASCII).trim(), generated);
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own permissions must protect it
        }
    }
}
