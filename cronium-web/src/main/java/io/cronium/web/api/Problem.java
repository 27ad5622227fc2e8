package io.cronium.web.api;

import io.cronium.common.Jsons;
import io.cronium.common.FieldError;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** RFC 9457 problem details: every API error, whatever its cause, is answered in this one shape. */
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static Response of(Response.StatusType status, String detail) {
        return of(status.getStatusCode(), status.getReasonPhrase(), detail, List.of());
    }

    public static Response of(int status, String title, String detail, List<FieldError> errors) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, title, detail, errors)).build();
    }

    /** For refusals sent before JAX-RS runs (authentication, filters). */
    public static void write(jakarta.servlet.http.HttpServletResponse response, int status, String title, String detail)
            throws java.io.IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(body(status, title, detail, List.of()));
    }

    public static String body(int status, String title, String detail, List<FieldError> errors) {
        var json = Jsons.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title == null ? "Error" : title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (!errors.isEmpty()) {
            var array = Jsons.createArrayBuilder();
            errors.forEach(e -> array.add(Jsons.createObjectBuilder().add("field", e.field()).add("message", e.message())));
            json.add("errors", array);
        }
        return json.build().toString();
    }
}
