package io.cronium.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's token authority: one key pair for the whole application, from
 * {@code cronium.jwt.private-key-location} (the launcher creates and keeps one), or a key generated at start-up
 * when none is configured (tokens then die with the process, which the log says).
 */
@ApplicationScoped
public class TokenService {

    private static final Logger LOG = Logger.getLogger(TokenService.class.getName());

    @Inject
    @ConfigProperty(name = "cronium.jwt.private-key-location")
    Optional<String> privateKeyLocation;

    @Inject
    @ConfigProperty(name = "cronium.jwt.issuer", defaultValue = "cronium")
    String issuer;

    @Inject
    @ConfigProperty(name = "cronium.jwt.lifetime-seconds", defaultValue = "3600")
    long lifetimeSeconds;

    private JsonWebTokens tokens;
    /**
     * Tokens of the runtime helpers: another issuer and another key, so that a script's token is never a user's API
     * token; the key is this node's own (see TokenSignature.hs256OfThisNode).
     */
    private JsonWebTokens helperTokens;

    @PostConstruct
    void loadKeys() {
        SigningKeys keys;
        if (privateKeyLocation.filter(s -> !s.isBlank()).isPresent()) {
            try {
                keys = SigningKeys.fromFile(Path.of(privateKeyLocation.get().replaceFirst("^file:", "")));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the JWT signing key at " + privateKeyLocation.get(), e);
            }
        } else {
            LOG.warning("cronium.jwt.private-key-location is not set: signing API tokens with a key generated now; "
                    + "tokens will not survive a restart and other nodes will not accept them");
            keys = SigningKeys.generate();
        }
        tokens = new JsonWebTokens(keys, issuer, Clock.systemUTC());
        helperTokens = new JsonWebTokens(TokenSignature.hs256OfThisNode(), issuer + "-helper", Clock.systemUTC());
    }

    /** A run's helper token: names its execution, expires with the run's timeout. */
    public IssuedToken issueHelper(String executionId, Duration lifetime) {
        return helperTokens.issue(executionId, Set.of(), lifetime);
    }

    /** The execution a helper token was issued for; refused for any other token. */
    public String verifyHelper(String token) throws InvalidTokenException {
        return helperTokens.verify(token).subject();
    }

    public IssuedToken issue(String username, Set<String> groups) {
        return tokens.issue(username, groups, Duration.ofSeconds(lifetimeSeconds));
    }

    public VerifiedToken verify(String token) throws InvalidTokenException {
        return tokens.verify(token);
    }
}
