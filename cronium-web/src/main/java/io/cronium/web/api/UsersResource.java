package io.cronium.web.api;

import io.cronium.users.boundary.UserAdministration;
import io.cronium.users.boundary.UserDraft;
import io.cronium.users.entity.User;
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

/** Users and roles (ADMIN only; the business boundary enforces it). Passwords are accepted, never returned. */
@RolesAllowed("ADMIN")
@Path("users")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    public record UserView(long id, String username, String role, String email, boolean enabled,
                           List<String> permissions, Instant createdAt, Instant updatedAt) {
        static UserView of(User u) {
            return new UserView(u.getId(), u.getUsername(), u.getRole().name(), u.getEmail(), u.isEnabled(),
                    u.getPermissions().stream().map(Enum::name).sorted().toList(), u.getCreatedAt(), u.getUpdatedAt());
        }
    }

    @EJB
    UserAdministration users;

    @Context
    UriInfo uri;

    @POST
    public Response create(UserDraft draft) {
        User user = users.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(user.getId())).build())
                .entity(UserView.of(user)).build();
    }

    @GET
    public PageView<UserView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return PageView.of(users.list(Cursor.decode(cursor), Cursor.limit(limit)), UserView::of);
    }

    @GET
    @Path("{id}")
    public UserView get(@PathParam("id") long id) {
        return UserView.of(users.find(id));
    }

    @PUT
    @Path("{id}")
    public UserView update(@PathParam("id") long id, UserDraft draft) {
        return UserView.of(users.update(id, draft));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        users.delete(id);
        return Response.noContent().build();
    }
}
