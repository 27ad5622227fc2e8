package io.cronium.web.api;

import io.cronium.servers.boundary.ServerDraft;
import io.cronium.servers.boundary.ServerHealth;
import io.cronium.servers.boundary.ServerService;
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

/** SSH servers; credentials go in, never out. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("servers")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ServersResource {

    @EJB
    ServerService servers;

    @Context
    UriInfo uri;

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    public Response create(ServerDraft draft) {
        var server = servers.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(server.getId())).build())
                .entity(ServerView.of(server)).build();
    }

    @GET
    public PageView<ServerView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
                                     @QueryParam("group") String group, @QueryParam("deleted") boolean deleted) {
        return PageView.of(servers.list(Cursor.decode(cursor), Cursor.limit(limit), group, deleted), ServerView::of);
    }

    @GET
    @Path("{id}")
    public ServerView get(@PathParam("id") long id) {
        return ServerView.of(servers.find(id));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @PUT
    @Path("{id}")
    public ServerView update(@PathParam("id") long id, ServerDraft draft) {
        return ServerView.of(servers.update(id, draft));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id, @QueryParam("force") boolean force) {
        servers.delete(id, force);
        return Response.noContent().build();
    }

    /** Undoes a delete within the retention (30 days). */
    @RolesAllowed({"USER", "ADMIN"})
    @POST
    @Path("{id}/restore")
    public ServerView restore(@PathParam("id") long id) {
        return ServerView.of(servers.restore(id));
    }

    /** Logs in once and answers how that went: online, or the failing phase and why. */
    @RolesAllowed({"USER", "ADMIN"})
    @POST
    @Path("{id}/check")
    public ServerHealth check(@PathParam("id") long id) {
        return servers.check(id);
    }

    /** ADMIN: trust the host key the server presents now instead of the pinned one. */
    @RolesAllowed("ADMIN")
    @POST
    @Path("{id}/host-key/accept")
    public ServerView acceptHostKey(@PathParam("id") long id) {
        return ServerView.of(servers.acceptOfferedHostKey(id));
    }
}
