package io.cronium.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The application's cipher for secret columns, keyed by ENCRYPTION_KEY (MicroProfile Config {@code encryption.key}). */
@ApplicationScoped
public class Secrets {

    @Inject
    @ConfigProperty(name = "encryption.key")
    Optional<String> configuredKey;

    private SecretCipher cipher;

    @PostConstruct
    void init() {
        cipher = configuredKey.filter(k -> !k.isBlank()).map(SecretCipher::fromBase64Key).orElse(null);
    }

    public String encrypt(String plaintext, String aad) {
        return cipher().encrypt(plaintext, aad);
    }

    public String decrypt(String ciphertext, String aad) {
        return cipher().decrypt(ciphertext, aad);
    }

    private SecretCipher cipher() {
        if (cipher == null) {
            throw new IllegalStateException("ENCRYPTION_KEY is not configured: secrets cannot be stored or read");
        }
        return cipher;
    }
}
