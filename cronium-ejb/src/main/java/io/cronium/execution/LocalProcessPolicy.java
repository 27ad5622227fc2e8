package io.cronium.execution;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this installation lets scripts run as unsandboxed local processes. An administrator who runs Cronium for
 * several users turns it off so that every script runs in a container (or not at all).
 */
@ApplicationScoped
public class LocalProcessPolicy {

        /** As an environment variable: CRONIUM_ALLOW_UNSANDBOXED. */
    public static final String SETTING = "cronium.allow-unsandboxed";

    @Inject
    @ConfigProperty(name = SETTING, defaultValue = "true")
    boolean allowed;

    public boolean allowed() {
        return allowed;
    }
}
