package io.cronium.users.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void tokensAreRandomPrefixedAndHashedStably() {
        String a = TokenHash.newToken();
        String b = TokenHash.newToken();
        assertNotEquals(a, b);
        assertTrue(TokenHash.looksLikeApiToken(a));
        assertFalse(TokenHash.looksLikeApiToken("eyJhbGciOiJSUzI1NiJ9.x.y"));
        assertEquals(47, a.length());
        assertEquals(TokenHash.of(a), TokenHash.of(a));
        assertEquals(64, TokenHash.of(a).length());
        assertFalse(TokenHash.of(a).contains(a.substring(4, 12)));
    }
}
