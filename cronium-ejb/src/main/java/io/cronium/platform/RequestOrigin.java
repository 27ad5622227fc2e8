package io.cronium.platform;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;

/** Where the current request came from, set by the web layer; empty for timers and background work. */
@RequestScoped
public class RequestOrigin {

    private String address;

    /** The address of the current request, or null outside one (timers, workers). */
    public static String addressOf(RequestOrigin origin) {
        try {
            return origin.address();
        } catch (ContextNotActiveException noRequest) {
            return null;
        }
    }

    public String address() {
        return address;
    }

    public void address(String address) {
        this.address = address;
    }
}
