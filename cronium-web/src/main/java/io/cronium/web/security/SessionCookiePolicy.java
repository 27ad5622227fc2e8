package io.cronium.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/** The console's session cookie is never sent with requests that other sites start (SameSite=Strict). */
@WebListener
public class SessionCookiePolicy implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        var cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setAttribute("SameSite", "Strict");
    }
}
