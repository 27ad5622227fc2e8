package io.cronium.web.api;

import io.cronium.events.boundary.EventDraft;
import io.cronium.scheduling.entity.Schedule;
import io.cronium.workflows.boundary.WorkflowDraft;
import io.cronium.workflows.boundary.WorkflowRuns;
import io.cronium.workflows.boundary.WorkflowService;
import io.cronium.workflows.entity.Workflow;
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
import jakarta.json.JsonValue;

/** Workflows: events as nodes, typed edges between them; checked whole on every save. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("workflows")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WorkflowsResource {

    /** A workflow as the API returns it, in the shape it is submitted. */
    public record WorkflowView(long id, String name, String description, String errorHandling, String status,
                               List<WorkflowDraft.NodeDraft> nodes, List<WorkflowDraft.EdgeDraft> edges,
                               List<Long> serverIds, Map<String, String> variables,
                               EventDraft.ScheduleSpec schedule, Instant nextFireAt, Instant createdAt,
                               Instant updatedAt) {

        static WorkflowView of(Workflow w) {
            return new WorkflowView(w.getId(), w.getName(), w.getDescription(), w.getErrorHandling().name(),
                    w.getStatus().name(),
                    w.getNodes().stream().map(n -> new WorkflowDraft.NodeDraft(n.getKey(), n.getEventId(), n.getX(), n.getY()))
                            .toList(),
                    w.getEdges().stream().map(e -> new WorkflowDraft.EdgeDraft(e.getFrom(), e.getTo(), e.getType().name(),
                            e.getCondition())).toList(),
                    List.copyOf(w.getServerIds()), w.variables(), schedule(w.getSchedule()),
                    w.getSchedule().nextFireAt(), w.getCreatedAt(), w.getUpdatedAt());
        }

        private static EventDraft.ScheduleSpec schedule(Schedule s) {
            return s.isManualOnly() ? null : new EventDraft.ScheduleSpec(s.cron(), s.intervalSeconds(), s.timezone(),
                    s.misfirePolicy().name());
        }
    }

    /** What starts a run: its input (any JSON) and values for declared workflow variables. */
    public record RunBody(JsonValue input, Map<String, String> variables) {
    }

    @EJB
    WorkflowService workflows;

    @EJB
    WorkflowRuns runs;

    @Context
    UriInfo uri;

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    public Response create(WorkflowDraft draft) {
        var workflow = workflows.create(draft);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(workflow.getId())).build())
                .entity(WorkflowView.of(workflow)).build();
    }

    @GET
    public PageView<WorkflowView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return PageView.of(workflows.list(Cursor.decode(cursor), Cursor.limit(limit)), WorkflowView::of);
    }

    @GET
    @Path("{id}")
    public WorkflowView get(@PathParam("id") long id) {
        return WorkflowView.of(workflows.find(id));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @PUT
    @Path("{id}")
    public WorkflowView update(@PathParam("id") long id, WorkflowDraft draft) {
        return WorkflowView.of(workflows.update(id, draft));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    @Path("{id}/run")
    public Response run(@PathParam("id") long id, RunBody body) {
        String input = body == null || body.input() == null ? null : body.input().toString();
        var run = runs.run(id, input, body == null ? null : body.variables());
        return Response.accepted(Map.of("workflowExecutionId", run.getId()))
                .location(uri.getBaseUriBuilder().path("workflow-executions").path(String.valueOf(run.getId())).build())
                .build();
    }

    @GET
    @Path("{id}/executions")
    public PageView<WorkflowExecutionsResource.ExecutionView> executions(@PathParam("id") long id,
                                                                         @QueryParam("limit") Integer limit,
                                                                         @QueryParam("cursor") String cursor) {
        return PageView.of(runs.list(id, Cursor.decode(cursor), Cursor.limit(limit)),
                r -> WorkflowExecutionsResource.ExecutionView.of(r, null));
    }

    @RolesAllowed({"USER", "ADMIN"})
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        workflows.delete(id);
        return Response.noContent().build();
    }
}
