package io.cronium.web.api;

import io.cronium.audit.boundary.AuditTrail;
import io.cronium.audit.entity.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/** The audit trail, newest first (ADMIN only). */
@RolesAllowed("ADMIN")
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, String actor, String action, String target, String sourceAddress, String details,
                            Instant at) {
        static AuditView of(AuditEntry a) {
            return new AuditView(a.getId(), a.getActor(), a.getAction(), a.getTarget(), a.getSourceAddress(),
                    a.getDetails(), a.getAt());
        }
    }

    @EJB
    AuditTrail audit;

    @GET
    public PageView<AuditView> list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                    @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        var filter = new AuditTrail.Filter(actor, action, QueryTimes.instant("from", from), QueryTimes.instant("to", to));
        return PageView.of(audit.list(filter, Cursor.decode(cursor), Cursor.limit(limit)), AuditView::of);
    }
}
