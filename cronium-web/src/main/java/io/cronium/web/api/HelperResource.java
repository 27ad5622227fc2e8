package io.cronium.web.api;

import io.cronium.jobs.control.HelperRuns;
import io.cronium.security.InvalidTokenException;
import io.cronium.security.TokenService;
import io.cronium.variables.control.VariableRules;
import io.cronium.variables.control.VariableStore;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime helpers' API (API mode): what a running script may ask of Cronium with its run's helper token - that
 * run's input, event and result, its owner's variables, and structured log lines. Nothing else: the token is not a
 * user's API token, names one execution, and is refused once that execution has ended.
 */
@Path("helper")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HelperResource {

    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");

    @Inject
    TokenService tokens;

    @Inject
    HelperRuns runs;

    @EJB
    VariableStore variables;

    @HeaderParam(HttpHeaders.AUTHORIZATION)
    String authorization;

    @GET
    @Path("input")
    public Response input() {
        return run().map(r -> Response.ok(r.helpers().input()).build()).orElseGet(HelperResource::ended);
    }

    @GET
    @Path("event")
    public Response event() {
        return run().map(r -> Response.ok(r.helpers().event("api")).build()).orElseGet(HelperResource::ended);
    }

    /** The variable's value as plain text (what this run set, else what is stored now); 404 if there is none. */
    @GET
    @Path("variables/{key}")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    public Response variable(@PathParam("key") String key) {
        return run().map(r -> r.helpers().variable(key, variables.read(r.ownerId(), key))
                        .map(v -> Response.ok(v).build())
                        .orElseGet(() -> Problem.of(Response.Status.NOT_FOUND, "no variable '" + key + "'")))
                .orElseGet(HelperResource::ended);
    }

    /** The body, plain text, is the value; kept when the run's attempt ends, as in bundled mode. */
    @PUT
    @Path("variables/{key}")
    @Consumes(MediaType.WILDCARD)
    public Response setVariable(@PathParam("key") String key, String value) {
        Optional<HelperRuns.LiveRun> run = run();
        if (run.isEmpty()) {
            return ended();
        }
        var errors = VariableRules.check(key, value == null ? "" : value);
        if (!errors.isEmpty()) {
            return Problem.of(422, "Unprocessable Content", "the variable cannot be set", errors);
        }
        run.get().helpers().setVariable(key, value == null ? "" : value);
        return Response.noContent().build();
    }

    /** The run's result: the body, any JSON. */
    @POST
    @Path("output")
    @Consumes(MediaType.WILDCARD)
    public Response output(String json) {
        Optional<HelperRuns.LiveRun> run = run();
        if (run.isEmpty()) {
            return ended();
        }
        return run.get().helpers().output(json == null ? "" : json)
                .map(reason -> Problem.of(422, "Unprocessable Content", reason, List.of()))
                .orElseGet(() -> Response.noContent().build());
    }

    /** A structured log line of the run, live: the body (plain text) at {@code ?level=} debug, info, warn or error. */
    @POST
    @Path("log")
    @Consumes(MediaType.WILDCARD)
    public Response log(@QueryParam("level") @DefaultValue("info") String level, String message) {
        Optional<HelperRuns.LiveRun> run = run();
        if (run.isEmpty()) {
            return ended();
        }
        if (!LEVELS.contains(level)) {
            return Problem.of(422, "Unprocessable Content", "level must be debug, info, warn or error, not '"
                    + level + "'", List.of());
        }
        run.get().helpers().log(level, message == null ? "" : message, run.get().output());
        return Response.noContent().build();
    }

    /** The running execution the bearer token was issued for, while it runs here. */
    private Optional<HelperRuns.LiveRun> run() {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        try {
            return runs.find(tokens.verifyHelper(authorization.substring(7).trim()));
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
    }

    private static Response ended() {
        return Problem.of(401, "Unauthorized", "no running execution for this helper token: it is invalid, or its "
                + "run has ended", List.of());
    }
}
