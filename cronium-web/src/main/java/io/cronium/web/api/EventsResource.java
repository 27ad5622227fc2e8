package io.cronium.web.api;

import io.cronium.events.boundary.EventDraft;
import io.cronium.events.boundary.EventService;
import io.cronium.jobs.boundary.RunRequests;
import io.cronium.jobs.boundary.RunTicket;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonValue;
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

@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("events")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    public record RunBody(JsonValue input) {
    }

    @EJB
    EventService events;

    @EJB
    RunRequests runs;

    @Context
    UriInfo uri;

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    public Response create(EventDraft draft) {
        var event = events.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(event.getId())).build())
                .entity(EventView.of(event)).build();
    }

    @GET
    public PageView<EventView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return PageView.of(events.list(Cursor.decode(cursor), Cursor.limit(limit)), EventView::of);
    }

    @GET
    @Path("{id}")
    public EventView get(@PathParam("id") long id) {
        return EventView.of(events.find(id));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @PUT
    @Path("{id}")
    public EventView update(@PathParam("id") long id, EventDraft draft) {
        return EventView.of(events.update(id, draft));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        events.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/next-runs")
    public PageView<String> nextRuns(@PathParam("id") long id, @QueryParam("count") Integer count) {
        int n = count == null ? 5 : count;
        if (n < 1 || n > 100) {
            throw new jakarta.ws.rs.BadRequestException("count must be between 1 and 100");
        }
        return new PageView<>(events.nextRuns(id, n).stream().map(t -> t.toOffsetDateTime().toString()).toList(), null);
    }

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") long id, RunBody body) {
        String input = body == null || body.input() == null ? null : body.input().toString();
        RunTicket ticket = runs.runNow(id, input);
        return Response.accepted(ticket).build();
    }
}
