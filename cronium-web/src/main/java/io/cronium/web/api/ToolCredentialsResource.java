package io.cronium.web.api;

import io.cronium.credentials.boundary.StoredCredential;
import io.cronium.credentials.boundary.ToolCredentialDraft;
import io.cronium.credentials.boundary.ToolCredentialService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A user's tool credentials: secret fields go in and never come out; {@code secretsSet} says which are held. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("tool-credentials")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ToolCredentialsResource {

    /** {@code readable} false: it no longer decrypts (key changed, value altered): give its fields again or delete it. */
    public record ToolCredentialView(long id, String pluginId, String name, Map<String, String> fields,
                                     List<String> secretsSet, boolean readable, Instant createdAt, Instant updatedAt) {

        static ToolCredentialView of(StoredCredential s) {
            var c = s.credential();
            return new ToolCredentialView(c.getId(), c.getPluginId(), c.getName(), s.shown(), s.secretsSet(),
                    s.readable(), c.getCreatedAt(), c.getUpdatedAt());
        }
    }

    @EJB
    ToolCredentialService credentials;

    @Context
    UriInfo uri;

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    public Response create(ToolCredentialDraft draft) {
        var created = credentials.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.credential().getId())).build())
                .entity(ToolCredentialView.of(created)).build();
    }

    @GET
    public PageView<ToolCredentialView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                             @QueryParam("pluginId") String pluginId) {
        return PageView.of(credentials.list(Cursor.decode(cursor), Cursor.limit(limit), pluginId), ToolCredentialView::of);
    }

    @GET
    @Path("{id}")
    public ToolCredentialView get(@PathParam("id") long id) {
        return ToolCredentialView.of(credentials.find(id));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @PUT
    @Path("{id}")
    public ToolCredentialView update(@PathParam("id") long id, ToolCredentialDraft draft) {
        return ToolCredentialView.of(credentials.update(id, draft));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        credentials.delete(id);
        return Response.noContent().build();
    }
}
