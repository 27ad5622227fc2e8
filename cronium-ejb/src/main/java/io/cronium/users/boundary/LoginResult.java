package io.cronium.users.boundary;

import io.cronium.users.entity.User;
import java.time.Duration;

/** The outcome of a login attempt: who logged in, a refusal, or a wait imposed by the throttle. */
public sealed interface LoginResult {

    record Accepted(User user) implements LoginResult {
    }

    record Refused() implements LoginResult {
    }

    record Throttled(Duration retryAfter) implements LoginResult {
    }
}
