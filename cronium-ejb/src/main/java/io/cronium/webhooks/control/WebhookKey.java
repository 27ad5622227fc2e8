package io.cronium.webhooks.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** A webhook's key: 32 random bytes, shown once; stored only as its SHA-256, with a short hint. */
public record WebhookKey(String key) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "whk_";

    public static WebhookKey generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new WebhookKey(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    public String hash() {
        return hash(key);
    }

    /** The first characters, enough for a person to tell keys apart, far too few to guess the rest. */
    public String hint() {
        return key.substring(0, PREFIX.length() + 4) + "…";
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
