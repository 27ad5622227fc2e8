package io.cronium.web.api;

import io.cronium.webhooks.boundary.WebhookRefused;
import io.cronium.webhooks.boundary.WebhookTriggers;
import io.cronium.webhooks.control.WebhookSignature;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook calls: no bearer token; the key in the path (and the signature header, when the webhook has a secret)
 * authenticates. 202 with what started; 404 for an unknown key, 401 for a bad signature, 429 beyond the rate limit.
 */
@Path("webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    @EJB
    WebhookTriggers triggers;

    @POST
    @Path("{key}")
    @Consumes(MediaType.WILDCARD)
    public Response trigger(@PathParam("key") String key, @HeaderParam(WebhookSignature.HEADER) String signature,
                            byte[] body) {
        try {
            var started = triggers.trigger(key, body, signature);
            Map<String, Object> view = new LinkedHashMap<>();
            if (started.workflowExecutionId() != null) {
                view.put("workflowExecutionId", started.workflowExecutionId());
            } else {
                view.put("logId", started.logId());
                view.put("jobId", started.jobId());
            }
            return Response.accepted(view).build();
        } catch (WebhookRefused e) {
            Response problem = e.status() == 401 ? Problem.of(Response.Status.UNAUTHORIZED, e.getMessage())
                    : Problem.of(429, "Too Many Requests", e.getMessage(), List.of());
            return e.retryAfter() == null ? problem : Response.fromResponse(problem)
                    .header("Retry-After", Math.max(1, e.retryAfter().toSeconds())).build();
        }
    }
}
