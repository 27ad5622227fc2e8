package io.cronium.web.security;

import io.cronium.security.InvalidTokenException;
import io.cronium.security.TokenService;
import io.cronium.users.boundary.ApiTokens;
import io.cronium.users.boundary.UserDirectory;
import io.cronium.users.control.TokenHash;
import io.cronium.users.entity.User;
import io.cronium.web.api.Problem;
import io.cronium.web.filters.SecurityHeadersFilter;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The application's one authentication mechanism.
 * <ul>
 * <li>{@code Authorization: Bearer <jwt>} or {@code Bearer crn_...} (an API token): checked on every request, no
 * session;</li>
 * <li>console: a successful form login stores the username in the HTTP session; later console requests (never API
 * calls) are re-authenticated from it, with the role read afresh so a demoted or disabled user loses access at once;</li>
 * <li>no credentials on a protected resource: 401 problem+json for the API, a redirect to the login page otherwise.</li>
 * </ul>
 */
@ApplicationScoped
public class CroniumAuthentication implements HttpAuthenticationMechanism {

    /** The runtime helpers' API: authenticated by per-run helper tokens, never as a user. */
    static final String HELPER_API = "/api/v1/helper/";

    /** Webhook calls: their key (and signature) authenticate them, never a user's credentials. */
    static final String WEBHOOKS = "/api/v1/webhooks/";

    static final String SESSION_USER = "cronium.user";
    private static final String LOGIN_PAGE = "/login.xhtml";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    TokenService tokens;

    @EJB
    UserDirectory users;

    @EJB
    ApiTokens apiTokens;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        SecurityHeadersFilter.apply(request, response);
        if (request.getRequestURI().startsWith(request.getContextPath() + HELPER_API)) {
            return context.doNothing(); // scripts' helper tokens are no users' tokens: HelperResource checks them
        }
        if (request.getRequestURI().startsWith(request.getContextPath() + WEBHOOKS)) {
            return context.doNothing(); // WebhookTriggers checks the key and the signature
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return bearer(authorization.substring(7).trim(), request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return formLogin(credential, request, context);
        }
        // The console's session never authenticates API calls: a cookie sent by a browser on another site's behalf
        // must not be able to drive the API (cross-site request forgery).
        HttpSession session = isApi(request) ? null : request.getSession(false);
        if (session != null && session.getAttribute(SESSION_USER) instanceof String username) {
            Optional<User> user = activeUser(username);
            if (user.isPresent()) {
                return context.notifyContainerAboutLogin(username, roles(user.get()));
            }
            session.invalidate();
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (isApi(request)) {
            return unauthorized(response, context, "authentication required: send Authorization: Bearer <token>");
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    @Override
    public void cleanSubject(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SESSION_USER);
        }
    }

    private AuthenticationStatus bearer(String token, HttpServletRequest request, HttpServletResponse response,
                                        HttpMessageContext context) {
        if (TokenHash.looksLikeApiToken(token)) {
            return apiTokens.authenticate(token)
                    .map(user -> context.notifyContainerAboutLogin(user.getUsername(), roles(user)))
                    .orElseGet(() -> unauthorized(response, context, "the API token is unknown, revoked or expired"));
        }
        try {
            var verified = tokens.verify(token);
            Optional<User> user = activeUser(verified.subject());
            if (user.isEmpty()) {
                return unauthorized(response, context, "the token's user no longer exists or is disabled");
            }
            return context.notifyContainerAboutLogin(verified.subject(), roles(user.get()));
        } catch (InvalidTokenException e) {
            return unauthorized(response, context, e.getMessage());
        }
    }

    private AuthenticationStatus formLogin(Credential credential, HttpServletRequest request, HttpMessageContext context) {
        CredentialValidationResult result = identityStores.validate(credential);
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        // A new session id on login defeats session fixation.
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(SESSION_USER, result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    private Optional<User> activeUser(String username) {
        return users.byUsername(username).filter(User::isEnabled);
    }

    private static Set<String> roles(User user) {
        return Set.of(user.getRole().name());
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context, String detail) {
        try {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"cronium\"");
            Problem.write(response, 401, "Unauthorized", detail);
        } catch (IOException e) {
            // the client went away; nothing to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
