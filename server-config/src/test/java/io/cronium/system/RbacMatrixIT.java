package io.cronium.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the served OpenAPI document, called by every kind of caller: anonymous, viewer, owner, another
 * user and administrator. A new endpoint is covered without writing a test for it; the rules below say what each
 * caller must get, and an endpoint that does not follow them fails here.
 */
@Order(6)
class RbacMatrixIT {

    enum Caller { ANONYMOUS, VIEWER, OWNER, OTHER_USER, ADMIN }

    enum Outcome { UNAUTHORIZED, FORBIDDEN, NOT_FOUND, ALLOWED }

    static String base;
    static Api admin;
    static Api owner;
    static Api other;
    static Api viewer;
    static long ownersEvent;
    static long ownersLog;
    static long ownersJob;
    static long ownersServer;
    /** Where the server's output stood before the matrix ran. */
    static int outputBefore;

    @BeforeAll
    static void callers() throws Exception {
        base = RunningCronium.get().baseUrl();
        outputBefore = RunningCronium.get().output().size();
        admin = new Api(base).login("admin", RunningCronium.ADMIN_PASSWORD);
        for (String[] u : new String[][]{{"rbac-owner", "USER"}, {"rbac-other", "USER"}, {"rbac-viewer", "VIEWER"}}) {
            var user = Json.createObjectBuilder().add("username", u[0]).add("password", u[0] + "-password")
                    .add("role", u[1]);
            if (u[0].equals("rbac-owner")) {
                // the other USER has none
                user.add("permissions", Json.createArrayBuilder().add("MANAGE_SERVERS").add("USE_TOOL_CREDENTIALS"));
            }
            admin.post("/api/v1/users", user.build());
        }
        owner = new Api(base).login("rbac-owner", "rbac-owner-password");
        other = new Api(base).login("rbac-other", "rbac-other-password");
        viewer = new Api(base).login("rbac-viewer", "rbac-viewer-password");
        ownersEvent = owner.createEvent(SkeletonPathIT.bashEvent("rbac", "true"));
        var run = owner.post("/api/v1/events/" + ownersEvent + "/run", "{}").json();
        ownersLog = run.getJsonNumber("logId").longValue();
        ownersJob = run.getJsonNumber("jobId").longValue();
        owner.awaitFinished(ownersLog, Duration.ofSeconds(30));
        ownersServer = ownersServer();
    }

    /**
     * A caller refused by their role is no failure of the server: the business beans' container, which logs each
     * refusal it makes with a stack trace, is never asked (RoleCheck refuses first).
     */
    @AfterAll
    static void roleRefusalsLeaveNoStackTraceInTheServersLog() {
        var output = RunningCronium.get().output();
        var refusals = output.subList(Math.min(outputBefore, output.size()), output.size()).stream()
                .filter(line -> line.contains("not authorized") || line.contains("AccessLocalException")
                        || line.contains("EJBAccessException"))
                .toList();
        assertTrue(refusals.isEmpty(), refusals.size() + " refusals logged, first: " + refusals.stream().findFirst()
                .orElse(""));
    }

    /** A server nothing listens for (its checks fail fast at TCP connect). */
    static long ownersServer() {
        var reply = owner.post("/api/v1/servers", Json.createObjectBuilder().add("name", "rbac-" + System.nanoTime())
                .add("host", "127.0.0.1").add("port", 1).add("username", "nobody").add("password", "rbac-pw").build());
        assertTrue(reply.status() == 201, reply.body());
        return reply.json().getJsonNumber("id").longValue();
    }

    /** The access rules of the API, as architecture.md and the security issue state them. */
    static Outcome expected(Caller caller, String method, String path) {
        if (caller == Caller.ANONYMOUS) {
            return Outcome.UNAUTHORIZED;
        }
        boolean adminOnly = path.startsWith("/api/v1/users") || path.startsWith("/api/v1/audit")
                || path.endsWith("/host-key/accept");
        if (adminOnly) {
            return caller == Caller.ADMIN ? Outcome.ALLOWED : Outcome.FORBIDDEN;
        }
        boolean ownToken = path.startsWith("/api/v1/tokens");
        if (caller == Caller.VIEWER && !method.equals("GET") && !ownToken) {
            return Outcome.FORBIDDEN;
        }
        if (path.contains("{id}") && (caller == Caller.OTHER_USER || caller == Caller.VIEWER)) {
            return Outcome.NOT_FOUND;
        }
        // variables live in a namespace per user: the owner's key is not there for anyone else (a PUT would create
        // the caller's own, and is ALLOWED; with the empty body it is a 422)
        if (path.contains("{key}") && !method.equals("PUT") && (caller == Caller.OTHER_USER || caller == Caller.VIEWER
                || caller == Caller.ADMIN)) {
            return Outcome.NOT_FOUND;
        }
        if ((path.equals("/api/v1/servers") || path.equals("/api/v1/tool-credentials")) && method.equals("POST")
                && caller == Caller.OTHER_USER) {
            return Outcome.FORBIDDEN; // creating servers or credentials needs MANAGE_SERVERS or USE_TOOL_CREDENTIALS
        }
        return Outcome.ALLOWED;
    }

    @TestFactory
    Stream<DynamicTest> everyOperationForEveryCaller() throws Exception {
        var document = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/openapi"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonObject paths;
        try (var reader = Json.createReader(new StringReader(document))) {
            paths = reader.readObject().getJsonObject("paths");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String path : paths.keySet()) {
            if (path.startsWith("/api/v1/auth") || path.startsWith("/api/v1/webhooks")
                    || path.startsWith("/api/v1/helper")) {
                continue; // reachable without a user's token by design (the helper API takes run tokens: HelpersIT)
            }
            for (String method : paths.getJsonObject(path).keySet()) {
                String verb = method.toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(verb)) {
                    continue;
                }
                for (Caller caller : Caller.values()) {
                    tests.add(DynamicTest.dynamicTest(verb + " " + path + " as " + caller, () -> check(caller, verb, path)));
                }
            }
        }
        assertTrue(tests.size() >= 60, "the OpenAPI document lists the API (" + tests.size() + " cases)");
        return tests.stream();
    }

    static void check(Caller caller, String verb, String template) {
        String path = concrete(verb, template);
        Api api = switch (caller) {
            case ANONYMOUS -> new Api(base);
            case VIEWER -> viewer;
            case OWNER -> owner;
            case OTHER_USER -> other;
            case ADMIN -> admin;
        };
        String body = verb.equals("GET") || verb.equals("DELETE") ? null : "{}";
        var reply = body == null ? (verb.equals("GET") ? api.get(path) : api.delete(path)) : api.send(verb, path, "application/json", body);
        Outcome outcome = switch (reply.status()) {
            case 401 -> Outcome.UNAUTHORIZED;
            case 403 -> Outcome.FORBIDDEN;
            case 404 -> Outcome.NOT_FOUND;
            default -> reply.status() >= 500 ? null : Outcome.ALLOWED;
        };
        Outcome expected = expected(caller, verb, template);
        assertTrue(outcome == expected, verb + " " + path + " as " + caller + ": expected " + expected + ", got "
                + reply.status() + " " + reply.body());
    }

    /** Fills path parameters with resources of the owner; deletions get a fresh resource each, so nothing else breaks. */
    static String concrete(String verb, String template) {
        if (template.contains("{key}")) {
            String key = "rbac-" + System.nanoTime();
            owner.put("/api/v1/variables/" + key, Json.createObjectBuilder().add("value", "v").build());
            return template.replace("{key}", key);
        }
        if (!template.contains("{id}")) {
            return template;
        }
        boolean destructive = verb.equals("DELETE");
        long id;
        if (template.startsWith("/api/v1/events")) {
            id = destructive ? owner.createEvent(SkeletonPathIT.bashEvent("rbac-delete", "true")) : ownersEvent;
        } else if (template.startsWith("/api/v1/logs")) {
            id = ownersLog;
        } else if (template.startsWith("/api/v1/jobs")) {
            id = ownersJob;
        } else if (template.startsWith("/api/v1/workflows")) {
            id = owner.post("/api/v1/workflows", WorkflowsIT.workflow("rbac-" + System.nanoTime(), ownersEvent)).json()
                    .getJsonNumber("id").longValue();
        } else if (template.startsWith("/api/v1/workflow-executions")) {
            long workflow = owner.post("/api/v1/workflows", WorkflowsIT.workflow("rbac-" + System.nanoTime(), ownersEvent))
                    .json().getJsonNumber("id").longValue();
            id = owner.post("/api/v1/workflows/" + workflow + "/run", "{}").json().getJsonNumber("workflowExecutionId")
                    .longValue();
        } else if (template.startsWith("/api/v1/webhook-keys")) {
            id = owner.post("/api/v1/webhook-keys", "{\"eventId\":" + ownersEvent + "}").json().getJsonNumber("id")
                    .longValue();
        } else if (template.startsWith("/api/v1/tool-credentials")) {
            id = owner.post("/api/v1/tool-credentials", Json.createObjectBuilder().add("pluginId", "notion")
                    .add("name", "rbac-" + System.nanoTime()).add("credentials", Json.createObjectBuilder()
                            .add("apiKey", "rbac-key")).build()).json().getJsonNumber("id").longValue();
        } else if (template.startsWith("/api/v1/servers")) {
            id = destructive ? ownersServer() : ownersServer;
        } else if (template.startsWith("/api/v1/tokens")) {
            id = owner.post("/api/v1/tokens", "{\"name\":\"rbac\"}").json().getJsonNumber("id").longValue();
        } else if (template.startsWith("/api/v1/users")) {
            String name = "rbac-victim-" + System.nanoTime();
            id = admin.post("/api/v1/users", Json.createObjectBuilder().add("username", name).add("password", name)
                    .add("role", "USER").build()).json().getJsonNumber("id").longValue();
        } else {
            throw new AssertionError("no resource known for " + template + ": teach RbacMatrixIT.concrete about it");
        }
        return template.replace("{id}", Long.toString(id));
    }
}
