package io.cronium.web.console;

import io.cronium.users.boundary.Caller;
import io.cronium.users.boundary.CallerResolver;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The user key under which a console page's WebSocket receives run changes (see {@link RunPush}). */
@Named
@RequestScoped
public class ConsoleSocket {

    @EJB
    CallerResolver callers;

    private String user;

    public String getUser() {
        if (user == null) {
            Caller caller = callers.current();
            user = RunPush.socketUser(caller.userId(), caller.isAdmin());
        }
        return user;
    }
}
