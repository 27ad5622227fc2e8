package io.cronium.web.api;

import io.cronium.security.TokenService;
import io.cronium.users.boundary.LoginResult;
import io.cronium.users.boundary.PasswordResets;
import io.cronium.users.boundary.UserAuthentication;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Set;

@Path("auth")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    public record Credentials(String username, String password) {
    }

    public record TokenView(String token, Instant expiresAt) {
    }

    public record ResetRequest(String login) {
    }

    public record ResetConfirmation(String token, String password) {
    }

    @EJB
    UserAuthentication logins;

    @Inject
    TokenService tokens;

    @EJB
    PasswordResets resets;

    @POST
    @Path("token")
    public Response token(Credentials credentials) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            throw new BadRequestException("username and password are required");
        }
        LoginResult result = logins.login(credentials.username(), credentials.password());
        if (result instanceof LoginResult.Accepted accepted) {
            var user = accepted.user();
            var issued = tokens.issue(user.getUsername(), Set.of(user.getRole().name()));
            return Response.ok(new TokenView(issued.token(), issued.expiresAt())).build();
        }
        if (result instanceof LoginResult.Throttled throttled) {
            long seconds = Math.max(1, throttled.retryAfter().toSeconds());
            return Response.fromResponse(Problem.of(429, "Too Many Requests",
                    "too many failed logins: try again in " + seconds + " s", java.util.List.of()))
                    .header("Retry-After", seconds).build();
        }
        return Problem.of(Response.Status.UNAUTHORIZED, "wrong username or password");
    }

    /** Sends a reset link if the account exists and has an e-mail address; answers 202 either way. */
    @POST
    @Path("password-reset")
    public Response requestReset(ResetRequest request) {
        if (!resets.isAvailable()) {
            return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "password reset by e-mail is not configured (cronium.mail.host)");
        }
        var wait = resets.request(request == null ? null : request.login());
        if (!wait.isZero()) {
            long seconds = Math.max(1, wait.toSeconds());
            return Response.fromResponse(Problem.of(429, "Too Many Requests",
                    "too many password reset requests from this address: try again in " + seconds + " s",
                    java.util.List.of())).header("Retry-After", seconds).build();
        }
        return Response.accepted().build();
    }

    @POST
    @Path("password-reset/confirm")
    public Response confirmReset(ResetConfirmation confirmation) {
        if (confirmation == null) {
            throw new BadRequestException("a body {token, password} is required");
        }
        resets.complete(confirmation.token(), confirmation.password());
        return Response.noContent().build();
    }
}
