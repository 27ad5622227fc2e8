package io.cronium.launcher;

import io.cronium.security.KeyRotation;
import io.cronium.security.SecretCipher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ./cronium rotate-key}: re-encrypts every stored secret under a new key, with Cronium stopped. The new key
 * comes from NEW_ENCRYPTION_KEY or is generated; a key kept in data/keys is replaced there (the old one is kept
 * beside it), a key given as ENCRYPTION_KEY is written to data/keys/encryption.key.new for you to deploy.
 */
final class KeyRotationCommand {

    private KeyRotationCommand() {
    }

    static int run(LauncherSettings settings, Map<String, String> env) throws Exception {
        Path keys = settings.dataDir().resolve("keys");
        Path keyFile = keys.resolve("encryption.key");
        boolean fromEnvironment = env.get("ENCRYPTION_KEY") != null && !env.get("ENCRYPTION_KEY").isBlank();
        if (!fromEnvironment && !Files.exists(keyFile)) {
            System.err.println("cronium: no encryption key: neither ENCRYPTION_KEY nor " + keyFile + " exists");
            return 2;
        }
        String oldKey = fromEnvironment ? env.get("ENCRYPTION_KEY").trim() : Files.readString(keyFile, StandardCharsets.US_ASCII).trim();
        String newKey = env.getOrDefault("NEW_ENCRYPTION_KEY", SecretCipher.newBase64Key()).trim();

        EmbeddedDatabase embedded = null;
        DatabaseTarget database;
        try {
            if (settings.databaseUrl().isPresent()) {
                database = new DatabaseTarget(settings.databaseUrl().get(), settings.databaseUser(), settings.databasePassword());
            } else {
                try {
                    embedded = EmbeddedDatabase.start(settings.dataDir());
                } catch (Exception e) {
                    System.err.println("cronium: cannot open the embedded database (is Cronium still running? stop it first): " + e.getMessage());
                    return 3;
                }
                database = embedded.target();
            }
            try (var connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
                var counts = KeyRotation.rotate(connection, SecretCipher.fromBase64Key(oldKey), SecretCipher.fromBase64Key(newKey));
                counts.forEach((column, n) -> System.out.println("[cronium] re-encrypted " + n + " values of "
                        + column.table() + "." + column.column()));
            } catch (SecretCipher.SecretDecryptionException | IllegalStateException e) {
                System.err.println("cronium: key rotation stopped, nothing was changed: " + e.getMessage()
                        + ". Set that secret again (or delete it) and run rotate-key once more.");
                return 4;
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
        if (fromEnvironment) {
            Path next = keys.resolve("encryption.key.new");
            write(next, newKey);
            System.out.println("[cronium] done: set ENCRYPTION_KEY to the key in " + next + " before the next start");
        } else {
            Files.copy(keyFile, keys.resolve("encryption.key." + Instant.now().getEpochSecond() + ".old"), StandardCopyOption.REPLACE_EXISTING);
            write(keyFile, newKey);
            System.out.println("[cronium] done: " + keyFile + " holds the new key; the old one is kept beside it");
        }
        return 0;
    }

    private static void write(Path file, String key) throws IOException {
        Files.writeString(file, key, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }
}
