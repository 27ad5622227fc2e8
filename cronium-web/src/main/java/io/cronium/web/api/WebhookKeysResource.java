package io.cronium.web.api;

import io.cronium.webhooks.boundary.WebhookDraft;
import io.cronium.webhooks.boundary.WebhookService;
import io.cronium.webhooks.entity.Webhook;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;

/** The webhooks a user has made: the key is returned once, at creation, with the URL to call. */
@RolesAllowed({"USER", "ADMIN", "VIEWER"})
@Path("webhook-keys")
@RequestScoped
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WebhookKeysResource {

    public record WebhookView(long id, Long eventId, Long workflowId, String keyHint, boolean signed,
                              Instant createdAt, Instant lastUsedAt, String key, String url) {

        static WebhookView of(Webhook w) {
            return of(w, null, null);
        }

        static WebhookView of(Webhook w, String key, String url) {
            return new WebhookView(w.getId(), w.getEventId(), w.getWorkflowId(), w.getKeyHint(),
                    w.getHmacSecretEncrypted() != null, w.getCreatedAt(), w.getLastUsedAt(), key, url);
        }
    }

    @EJB
    WebhookService webhooks;

    @Context
    UriInfo uri;

    @RolesAllowed({"USER", "ADMIN"})
    @POST
    public Response create(WebhookDraft draft) {
        var created = webhooks.create(draft);
        String url = uri.getBaseUriBuilder().path("webhooks").path(created.key()).build().toString();
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.webhook().getId())).build())
                .entity(WebhookView.of(created.webhook(), created.key(), url)).build();
    }

    @GET
    public PageView<WebhookView> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return PageView.of(webhooks.list(Cursor.decode(cursor), Cursor.limit(limit)), WebhookView::of);
    }

    @RolesAllowed({"USER", "ADMIN"})
    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") long id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }
}
