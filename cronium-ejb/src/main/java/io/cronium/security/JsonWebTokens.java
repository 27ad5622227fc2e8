package io.cronium.security;

import io.cronium.common.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** Issues and verifies compact JWTs (RS256 or HS256). Pure JDK crypto: no provider-specific JWT library in the app. */
public class JsonWebTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final TokenSignature signature;
    private final String header;
    private final String issuer;
    private final Clock clock;

    public JsonWebTokens(SigningKeys keys, String issuer, Clock clock) {
        this(TokenSignature.rs256(keys), issuer, clock);
    }

    public JsonWebTokens(TokenSignature signature, String issuer, Clock clock) {
        this.signature = signature;
        this.header = B64.encodeToString(("{\"alg\":\"" + signature.algorithm() + "\",\"typ\":\"JWT\"}")
                .getBytes(StandardCharsets.UTF_8));
        this.issuer = issuer;
        this.clock = clock;
    }

    public IssuedToken issue(String subject, Set<String> groups, Duration lifetime) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        var groupArray = Jsons.createArrayBuilder();
        groups.forEach(groupArray::add);
        JsonObject claims = Jsons.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", subject)
                .add("upn", subject)
                .add("groups", groupArray)
                .add("iat", now.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond())
                .add("jti", UUID.randomUUID().toString())
                .build();
        String signingInput = header + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return new IssuedToken(signingInput + "." + B64.encodeToString(signature.sign(signingInput)), expiresAt);
    }

    public VerifiedToken verify(String token) throws InvalidTokenException {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("the bearer token is not a JWT");
        }
        JsonObject head = decodeObject(parts[0]);
        if (!signature.algorithm().equals(head.getString("alg", ""))) {
            throw new InvalidTokenException("the token's algorithm is not " + signature.algorithm());
        }
        if (!signatureValid(parts[0] + "." + parts[1], parts[2])) {
            throw new InvalidTokenException("the token's signature is invalid");
        }
        JsonObject claims = decodeObject(parts[1]);
        if (!issuer.equals(claims.getString("iss", ""))) {
            throw new InvalidTokenException("the token was issued by someone else");
        }
        if (!claims.containsKey("exp") || claims.get("exp").getValueType() != JsonValue.ValueType.NUMBER) {
            throw new InvalidTokenException("the token has no expiry");
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.getJsonNumber("exp").longValue());
        if (clock.instant().isAfter(expiresAt.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("the token has expired");
        }
        String subject = claims.getString("upn", claims.getString("sub", ""));
        if (subject.isEmpty()) {
            throw new InvalidTokenException("the token names no user");
        }
        Set<String> groups = new LinkedHashSet<>();
        if (claims.containsKey("groups") && claims.get("groups").getValueType() == JsonValue.ValueType.ARRAY) {
            claims.getJsonArray("groups").getValuesAs(JsonString.class).forEach(g -> groups.add(g.getString()));
        }
        return new VerifiedToken(subject, groups, expiresAt, claims.getString("jti", null));
    }

    private boolean signatureValid(String input, String encodedSignature) throws InvalidTokenException {
        try {
            return signature.verify(input, B64D.decode(encodedSignature));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the token's signature is not base64url");
        }
    }

    private static JsonObject decodeObject(String part) throws InvalidTokenException {
        try (var reader = Jsons.createReader(new StringReader(new String(B64D.decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw new InvalidTokenException("the token is not valid base64url JSON");
        }
    }
}
