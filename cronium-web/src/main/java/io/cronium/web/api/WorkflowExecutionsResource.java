package io.cronium.web.api;

import io.cronium.workflows.boundary.WorkflowRuns;
import io.cronium.workflows.entity.WorkflowExecution;
import io.cronium.workflows.entity.WorkflowStep;
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
import java.util.List;

/** Runs of workflows with their steps, each linked to the log of its event's run. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("workflow-executions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowExecutionsResource {

    public record StepView(String nodeId, Long eventId, Long logId, Long jobId, String status, Instant startedAt,
                           Instant finishedAt) {

        static StepView of(WorkflowStep s) {
            return new StepView(s.getNodeKey(), s.getEventId(), s.getLogId(), s.getJobId(), s.getStatus(),
                    s.getStartedAt(), s.getFinishedAt());
        }
    }

    /** A run; {@code steps} only when one run is read. */
    public record ExecutionView(long id, long workflowId, String status, String trigger, String error,
                                int successCount, int failureCount, int skippedCount, Instant startedAt,
                                Instant finishedAt, Long durationMs, List<StepView> steps) {

        static ExecutionView of(WorkflowExecution r, List<WorkflowStep> steps) {
            return new ExecutionView(r.getId(), r.getWorkflowId(), r.getStatus(), r.getTrigger(), r.getError(),
                    r.getSuccessCount(), r.getFailureCount(), r.getSkippedCount(), r.getStartedAt(), r.getFinishedAt(),
                    r.getDurationMs(), steps == null ? null : steps.stream().map(StepView::of).toList());
        }
    }

    @EJB
    WorkflowRuns runs;

    @GET
    @Path("{id}")
    public ExecutionView get(@PathParam("id") long id) {
        return ExecutionView.of(runs.find(id), runs.steps(id));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    @Path("{id}/cancel")
    public Response cancel(@PathParam("id") long id) {
        runs.cancel(id);
        return Response.accepted(get(id)).build();
    }
}
