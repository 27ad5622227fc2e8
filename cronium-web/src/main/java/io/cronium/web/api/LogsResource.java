package io.cronium.web.api;

import io.cronium.logs.boundary.LogFilter;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.logs.entity.LogStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {

    @EJB
    LogQueries logs;

    @Inject
    RunStreams streams;

    @GET
    public PageView<LogView> list(@QueryParam("eventId") Long eventId, @QueryParam("workflowId") Long workflowId,
                                  @QueryParam("serverId") Long serverId, @QueryParam("status") String status,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        LogStatus parsedStatus = null;
        if (status != null) {
            parsedStatus = LogStatus.parse(status);
            if (parsedStatus == null) {
                throw new BadRequestException("unknown status '" + status + "'");
            }
        }
        var filter = new LogFilter(eventId, workflowId, serverId, parsedStatus, QueryTimes.instant("from", from),
                QueryTimes.instant("to", to));
        return PageView.of(logs.list(filter, Cursor.decode(cursor), Cursor.limit(limit)), LogView::summary);
    }

    @GET
    @Path("{id}")
    public LogView get(@PathParam("id") long id) {
        return LogView.of(logs.find(id));
    }

    /**
     * The run live, as server-sent events: its stored output first (or what follows Last-Event-ID), then each new
     * chunk of lines as it is written, status changes, and "end" when the run is over.
     */
    @GET
    @Path("{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("id") long id, @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        logs.find(id); // not found unless the caller may see it
        long after;
        try {
            after = lastEventId == null || lastEventId.isBlank() ? 0 : Long.parseLong(lastEventId.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("Last-Event-ID must be the id of an output event");
        }
        streams.open(id, after, sink, sse);
    }
}
