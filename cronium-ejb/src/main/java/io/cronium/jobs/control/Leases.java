package io.cronium.jobs.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** How long a node holds a job it runs, as the claiming dispatcher and the renewing keeper must both see it. */
@ApplicationScoped
public class Leases {

    @Inject
    @ConfigProperty(name = "cronium.jobs.lease-seconds", defaultValue = "30")
    int seconds;

    public int seconds() {
        return seconds;
    }
}
