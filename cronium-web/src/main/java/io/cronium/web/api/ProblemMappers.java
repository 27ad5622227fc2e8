package io.cronium.web.api;

import io.cronium.common.ConflictException;
import io.cronium.common.InvalidInputException;
import io.cronium.common.ResourceNotFoundException;
import io.cronium.users.boundary.MissingPermission;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps every failure to problem+json with the right status; nothing reaches a client as a stack trace. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return Problem.of(422, "Unprocessable Content", "the request has invalid fields", e.errors());
        }
    }

    @Provider
    public static class NotFound implements ExceptionMapper<ResourceNotFoundException> {
        @Override
        public Response toResponse(ResourceNotFoundException e) {
            return Problem.of(Status.NOT_FOUND, e.getMessage());
        }
    }

    @Provider
    public static class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return Problem.of(Status.CONFLICT, e.getMessage());
        }
    }

    @Provider
    public static class AccessDenied implements ExceptionMapper<EJBAccessException> {

        static final String ROLE_REFUSAL = "your role does not allow this";

        @Override
        public Response toResponse(EJBAccessException e) {
            // the container's own refusals name methods and roles: only ours are phrased for users
            return Problem.of(Status.FORBIDDEN, e instanceof MissingPermission ? e.getMessage() : ROLE_REFUSAL);
        }
    }

    @Provider
    public static class UnreadableJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class UnparsableJson implements ExceptionMapper<JsonParsingException> {
        @Override
        public Response toResponse(JsonParsingException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class Processing implements ExceptionMapper<ProcessingException> {
        @Override
        public Response toResponse(ProcessingException e) {
            return malformed(e);
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Throwable cause = rootCause(e);
            if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
                return malformed(cause);
            }
            var status = e.getResponse().getStatusInfo();
            return Problem.of(status.getStatusCode(), status.getReasonPhrase(), detail(e), List.of());
        }
    }

    /** EJBs wrap unexpected exceptions; unwrap them so a known cause still gets its own status. */
    @Provider
    public static class Ejb implements ExceptionMapper<EJBException> {
        @Override
        public Response toResponse(EJBException e) {
            Throwable cause = e.getCausedByException() != null ? e.getCausedByException() : e.getCause();
            if (cause instanceof EJBAccessException denied) {
                return new AccessDenied().toResponse(denied);
            }
            return unexpected(e);
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            Throwable cause = rootCause(e);
            if (cause instanceof JsonbException || cause instanceof JsonParsingException) {
                return malformed(cause);
            }
            return unexpected(e);
        }
    }

    /** The runtime's own messages ("HTTP 415 Unsupported Media Type") say nothing a client can act on. */
    static String detail(WebApplicationException e) {
        String message = e.getMessage();
        if (message != null && !message.startsWith("HTTP ")) {
            return message;
        }
        return switch (e.getResponse().getStatus()) {
            case 400 -> "the request body is missing or is not valid JSON";
            case 404 -> "there is no such resource";
            case 405 -> "this resource does not accept that method";
            case 406 -> "this resource answers only application/json";
            case 415 -> "send the body as application/json";
            default -> message;
        };
    }

    static Response malformed(Throwable e) {
        String detail = rootCause(e).getMessage();
        return Problem.of(400, "Bad Request", "the request body is not valid JSON of the expected shape"
                + (detail == null ? "" : ": " + firstLine(detail)), List.of());
    }

    static Response unexpected(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected failure, incident " + incident, e);
        return Problem.of(500, "Internal Server Error", "an unexpected error occurred (incident " + incident + ")", List.of());
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            if (t instanceof JsonbException || t instanceof JsonParsingException) {
                return t;
            }
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
