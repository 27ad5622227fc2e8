package io.cronium.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How a token's signing input is signed and checked: the JWS algorithm and its key. */
public interface TokenSignature {

    /** The JWS {@code alg} header value. */
    String algorithm();

    byte[] sign(String input);

    boolean verify(String input, byte[] signature);

    /** RS256 with an RSA key pair: anyone holding the public key can check a token (users' API tokens). */
    static TokenSignature rs256(SigningKeys keys) {
        return new TokenSignature() {
            public String algorithm() {
                return "RS256";
            }

            public byte[] sign(String input) {
                try {
                    var signature = Signature.getInstance("SHA256withRSA");
                    signature.initSign(keys.privateKey());
                    signature.update(input.getBytes(StandardCharsets.US_ASCII));
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot sign a token", e);
                }
            }

            public boolean verify(String input, byte[] signature) {
                try {
                    var check = Signature.getInstance("SHA256withRSA");
                    check.initVerify(keys.publicKey());
                    check.update(input.getBytes(StandardCharsets.US_ASCII));
                    return check.verify(signature);
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }
        };
    }

    /**
     * HS256 with a random key that never leaves this JVM: for tokens only this node checks (a run's helper token
     * serves that run, which lives in this node's memory). An RSA signature costs about 0.7 ms here, on every run;
     * this costs microseconds.
     */
    static TokenSignature hs256OfThisNode() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        var spec = new SecretKeySpec(key, "HmacSHA256");
        return new TokenSignature() {
            public String algorithm() {
                return "HS256";
            }

            public byte[] sign(String input) {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(spec);
                    return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot sign a token", e);
                }
            }

            public boolean verify(String input, byte[] signature) {
                return MessageDigest.isEqual(sign(input), signature); // constant time
            }
        };
    }
}
