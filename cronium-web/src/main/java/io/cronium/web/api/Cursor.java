package io.cronium.web.api;

import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque list cursors: clients pass back what they got, and never build one themselves. */
public final class Cursor {

    private static final String PREFIX = "before:";

    private Cursor() {
    }

    public static String encode(Long beforeId) {
        return beforeId == null ? null
                : Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + beforeId).getBytes(StandardCharsets.UTF_8));
    }

    public static Long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new BadRequestException("the cursor is not one this API returned");
    }

    public static int limit(Integer limit) {
        if (limit == null) {
            return 50;
        }
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("limit must be between 1 and 500");
        }
        return limit;
    }
}
