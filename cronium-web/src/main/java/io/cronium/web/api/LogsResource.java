package io.cronium.web.api;

import io.cronium.logs.boundary.LogFilter;
import io.cronium.logs.boundary.LogQueries;
import io.cronium.logs.entity.LogStatus;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("logs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class LogsResource {

    @EJB
    LogQueries logs;

    @GET
    public PageView<LogView> list(@QueryParam("eventId") Long eventId, @QueryParam("status") String status,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        LogStatus parsedStatus = null;
        if (status != null) {
            parsedStatus = LogStatus.parse(status);
            if (parsedStatus == null) {
                throw new BadRequestException("unknown status '" + status + "'");
            }
        }
        var filter = new LogFilter(eventId, parsedStatus, QueryTimes.instant("from", from), QueryTimes.instant("to", to));
        return PageView.of(logs.list(filter, Cursor.decode(cursor), Cursor.limit(limit)), LogView::summary);
    }

    @GET
    @Path("{id}")
    public LogView get(@PathParam("id") long id) {
        return LogView.of(logs.find(id));
    }
}
