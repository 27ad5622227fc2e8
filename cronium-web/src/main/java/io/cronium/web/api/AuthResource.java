package io.cronium.web.api;

import io.cronium.security.TokenService;
import io.cronium.users.boundary.UserDirectory;
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

    @EJB
    UserDirectory users;

    @Inject
    TokenService tokens;

    @POST
    @Path("token")
    public Response token(Credentials credentials) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            throw new BadRequestException("username and password are required");
        }
        return users.authenticate(credentials.username(), credentials.password())
                .map(user -> {
                    var issued = tokens.issue(user.getUsername(), Set.of(user.getRole().name()));
                    return Response.ok(new TokenView(issued.token(), issued.expiresAt())).build();
                })
                .orElseGet(() -> Problem.of(Response.Status.UNAUTHORIZED, "wrong username or password"));
    }
}
