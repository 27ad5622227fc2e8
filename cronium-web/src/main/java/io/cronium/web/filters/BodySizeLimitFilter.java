package io.cronium.web.filters;

import io.cronium.execution.helpers.HelperSession;
import io.cronium.web.api.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses API request bodies above the limit with 413 before anything reads them. A script's result through the
 * helper API may be as large as in bundled mode (its JSON, UTF-8).
 */
@WebFilter(filterName = "BodySizeLimitFilter", urlPatterns = "/api/*", asyncSupported = true)
public class BodySizeLimitFilter extends HttpFilter {

    @Inject
    @ConfigProperty(name = "cronium.api.max-body-bytes", defaultValue = "1048576")
    long maxBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean helperOutput = request.getRequestURI().endsWith("/api/v1/helper/output");
        long limit = helperOutput ? 4L * HelperSession.MAX_OUTPUT_CHARS : maxBytes;
        if (request.getContentLengthLong() > limit) {
            response.setHeader("Connection", "close");
            Problem.write(response, 413, "Content Too Large", "the request body is larger than " + limit + " bytes");
            return;
        }
        chain.doFilter(request, response);
    }
}
