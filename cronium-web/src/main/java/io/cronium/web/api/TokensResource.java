package io.cronium.web.api;

import io.cronium.users.boundary.ApiTokens;
import io.cronium.users.boundary.IssuedApiToken;
import io.cronium.users.entity.ApiToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** The caller's API tokens. The token value is in the creation response only. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("tokens")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    public record NewToken(String name, Instant expiresAt) {
    }

    public record TokenView(long id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                            Instant revokedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.getId(), t.getName(), t.getCreatedAt(), t.getExpiresAt(), t.getLastUsedAt(),
                    t.getRevokedAt());
        }
    }

    @EJB
    ApiTokens tokens;

    @POST
    public Response create(NewToken request) {
        if (request == null) {
            throw new BadRequestException("a body {name, expiresAt?} is required");
        }
        IssuedApiToken issued = tokens.issue(request.name(), request.expiresAt());
        return Response.status(Response.Status.CREATED).entity(issued).build();
    }

    @GET
    public PageView<TokenView> list() {
        List<TokenView> mine = tokens.mine().stream().map(TokenView::of).toList();
        return new PageView<>(mine, null);
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
