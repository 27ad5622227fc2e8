package io.cronium.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonWebTokensTest {

    static final SigningKeys KEYS = SigningKeys.generate();
    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

    static JsonWebTokens at(Instant now) {
        return new JsonWebTokens(KEYS, "cronium", Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void anIssuedTokenVerifiesWithItsSubjectGroupsAndExpiry() throws Exception {
        var issued = at(NOW).issue("alice", Set.of("USER"), Duration.ofHours(1));
        var verified = at(NOW.plusSeconds(60)).verify(issued.token());
        assertEquals("alice", verified.subject());
        assertEquals(Set.of("USER"), verified.groups());
        assertEquals(NOW.plusSeconds(3600), verified.expiresAt());
        assertEquals(issued.expiresAt(), verified.expiresAt());
    }

    @Test
    void theClaimsFollowMicroProfileJwt() {
        String token = at(NOW).issue("alice", Set.of("ADMIN"), Duration.ofHours(1)).token();
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        for (String claim : new String[]{"\"iss\":\"cronium\"", "\"upn\":\"alice\"", "\"sub\":\"alice\"", "\"groups\":[\"ADMIN\"]", "\"exp\":", "\"iat\":", "\"jti\":"}) {
            assertTrue(claims.contains(claim), claims);
        }
    }

    @Test
    void anExpiredTokenIsRefused() {
        var issued = at(NOW).issue("alice", Set.of("USER"), Duration.ofMinutes(5));
        var e = assertThrows(InvalidTokenException.class, () -> at(NOW.plusSeconds(400)).verify(issued.token()));
        assertTrue(e.getMessage().contains("expired"));
    }

    @Test
    void aTokenWithAlteredClaimsIsRefused() {
        String[] parts = at(NOW).issue("alice", Set.of("USER"), Duration.ofHours(1)).token().split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("USER", "ADMIN");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        var e = assertThrows(InvalidTokenException.class, () -> at(NOW).verify(forged));
        assertTrue(e.getMessage().contains("signature"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        var other = new JsonWebTokens(SigningKeys.generate(), "cronium", Clock.fixed(NOW, ZoneOffset.UTC));
        String token = other.issue("alice", Set.of("ADMIN"), Duration.ofHours(1)).token();
        assertThrows(InvalidTokenException.class, () -> at(NOW).verify(token));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        var other = new JsonWebTokens(KEYS, "someone-else", Clock.fixed(NOW, ZoneOffset.UTC));
        String token = other.issue("alice", Set.of("ADMIN"), Duration.ofHours(1)).token();
        assertThrows(InvalidTokenException.class, () -> at(NOW).verify(token));
    }

    @Test
    void unsignedAndGarbledTokensAreRefused() {
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString("{\"iss\":\"cronium\",\"upn\":\"x\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8)) + ".";
        assertThrows(InvalidTokenException.class, () -> at(NOW).verify(none));
        assertThrows(InvalidTokenException.class, () -> at(NOW).verify("abc"));
        assertThrows(InvalidTokenException.class, () -> at(NOW).verify("a.b.c"));
        assertThrows(InvalidTokenException.class, () -> at(NOW).verify(null));
    }

    @Test
    void theSigningKeyRoundTripsThroughPem() throws Exception {
        var reloaded = SigningKeys.fromPrivateKeyPem(KEYS.privateKeyPem());
        String token = new JsonWebTokens(reloaded, "cronium", Clock.fixed(NOW, ZoneOffset.UTC))
                .issue("bob", Set.of("VIEWER"), Duration.ofHours(1)).token();
        assertEquals("bob", at(NOW).verify(token).subject());
        assertTrue(KEYS.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"), "the PEM an MP-JWT verifier takes");
    }

    @Test
    void aNodeKeyedTokenVerifiesOnlyWithItsOwnKeyAndAlgorithm() throws Exception {
        var node = TokenSignature.hs256OfThisNode();
        var helper = new JsonWebTokens(node, "cronium-helper", Clock.fixed(NOW, ZoneOffset.UTC));
        String token = helper.issue("exec_1_2", Set.of(), Duration.ofMinutes(5)).token();
        assertEquals("exec_1_2", helper.verify(token).subject());
        assertTrue(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8)
                .contains("\"alg\":\"HS256\""));
        var otherNode = new JsonWebTokens(TokenSignature.hs256OfThisNode(), "cronium-helper", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(InvalidTokenException.class, () -> otherNode.verify(token));
        var rsa = new JsonWebTokens(KEYS, "cronium-helper", Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(InvalidTokenException.class, () -> rsa.verify(token), "no algorithm confusion either way");
        assertThrows(InvalidTokenException.class, () -> helper.verify(rsa.issue("exec_1_2", Set.of(), Duration.ofMinutes(5)).token()));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"cronium-helper\",\"sub\":\"exec_9_9\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThrows(InvalidTokenException.class, () -> helper.verify(forged));
    }
}
