package io.cronium.web.api;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Refuses, with the API's 403, a call whose resource method (or class) is {@code @RolesAllowed} for roles the caller
 * has none of, before the business bean is called. The beans' own {@code @RolesAllowed} stay the authority (the
 * console calls them too); the resources carry them too because a bean's container logs each refusal it makes as a
 * failure of the server, with a stack trace, where a user calling what their role does not allow is no failure at
 * all. Payara's Jersey enforces resource annotations by itself, RESTEasy (WildFly) only when told to: this filter
 * makes it the same everywhere, with the same answer, and runs just before Jersey's own check.
 */
@Provider
public class RoleCheck implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        RolesAllowed roles = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (roles != null) {
            context.register(new Filter(List.of(roles.value())));
        }
    }

    @Priority(Priorities.AUTHORIZATION - 1)
    static final class Filter implements ContainerRequestFilter {

        private final List<String> roles;

        Filter(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var caller = request.getSecurityContext();
            if (roles.stream().noneMatch(caller::isUserInRole)) {
                request.abortWith(Problem.of(Status.FORBIDDEN, ProblemMappers.AccessDenied.ROLE_REFUSAL));
            }
        }
    }
}
