package io.cronium.web.api;

import io.cronium.jobs.boundary.JobCancellation;
import io.cronium.jobs.entity.Job;
import io.cronium.logs.boundary.LogQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    public record JobView(long id, Long eventId, long logId, String status, String priority, int attempt,
                          String claimedBy, boolean cancelRequested, Instant runAt, Instant createdAt,
                          Instant startedAt, Instant finishedAt) {
        static JobView of(Job j) {
            return new JobView(j.getId(), j.getEventId(), j.getLogId(), j.getStatus().name(), j.getPriority().name(),
                    j.getAttempt(), j.getClaimedBy(), j.isCancelRequested(), j.getRunAt(), j.getCreatedAt(),
                    j.getStartedAt(), j.getFinishedAt());
        }
    }

    @EJB
    LogQueries logs;

    @EJB
    JobCancellation cancellation;

    /** 202: a job that had not started is CANCELLED already; a running one stops when its node has killed it. */
    @RolesAllowed({"USER", "ADMIN"})
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        cancellation.cancel(id);
        return Response.accepted(JobView.of(logs.job(id))).build();
    }

    @GET
    @Path("{id}")
    public JobView get(@PathParam("id") long id) {
        return JobView.of(logs.job(id));
    }
}
