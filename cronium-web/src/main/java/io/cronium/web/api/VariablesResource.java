package io.cronium.web.api;

import io.cronium.variables.boundary.VariableDraft;
import io.cronium.variables.boundary.VariableService;
import io.cronium.variables.entity.Variable;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** The caller's variables, as cronium.getVariable sees them; a secret value goes in, never out. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("variables")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class VariablesResource {

    /** A variable as the API returns it: {@code value} is absent for a secret one. */
    public record VariableView(String key, String value, boolean secret, Instant updatedAt) {

        static VariableView of(Variable v) {
            return new VariableView(v.getKey(), v.isSecret() ? null : v.getValue(), v.isSecret(), v.getUpdatedAt());
        }
    }

    @EJB
    VariableService variables;

    @GET
    public PageView<VariableView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return PageView.of(variables.list(Cursor.decode(cursor), Cursor.limit(limit)), VariableView::of);
    }

    @GET
    @Path("{key}")
    public VariableView get(@PathParam("key") String key) {
        return VariableView.of(variables.find(key));
    }

    /** Creates (201) or replaces (200); {"value": "...", "secret": false}. */
    @RolesAllowed({"USER", "ADMIN"})
    @PUT
    @Path("{key}")
    public Response put(@PathParam("key") String key, VariableDraft draft) {
        boolean created = variables.put(key, draft);
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(VariableView.of(variables.find(key))).build();
    }

    @RolesAllowed({"USER", "ADMIN"})
    @DELETE
    @Path("{key}")
    public Response delete(@PathParam("key") String key) {
        variables.delete(key);
        return Response.noContent().build();
    }
}
