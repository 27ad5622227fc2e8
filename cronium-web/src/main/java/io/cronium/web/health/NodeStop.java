package io.cronium.web.health;

import io.cronium.jobs.control.JobDispatcher;
import jakarta.ejb.EJB;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Lets the node's running jobs end before the application stops. The web module stops first (it depends on the
 * business beans), so the jobs waited for here still find every bean they record their end with; a singleton's
 * {@code @PreDestroy} comes too late for that: Payara may have stopped the stateless beans by then.
 */
@WebListener
public class NodeStop implements ServletContextListener {

    @EJB
    JobDispatcher dispatcher;

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        dispatcher.stop();
    }
}
