package io.cronium.web.api;

import io.cronium.batch.BatchCost;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Measurements that must run inside the server, for {@code ./cronium bench}: absent (404) unless the server was
 * started with {@code CRONIUM_BENCH_ENABLED=true}, and for administrators only. Not part of the public API.
 */
@Path("bench")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class BenchResource {

    @Inject
    @ConfigProperty(name = "cronium.bench.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    BatchCost batchCost;

    @POST
    @Path("batch-cost")
    @Operation(hidden = true)
    public BatchCost.Figures batchCost(@QueryParam("sequential") Integer sequential, @QueryParam("burst") Integer burst,
                                       @Context SecurityContext caller) throws InterruptedException {
        if (!enabled) {
            throw new NotFoundException();
        }
        if (!caller.isUserInRole("ADMIN")) {
            throw new ForbiddenException("for administrators only");
        }
        return batchCost.measure(sequential == null ? 50 : Math.min(sequential, 1000),
                burst == null ? 100 : Math.min(burst, 1000));
    }
}
