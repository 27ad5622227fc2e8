package io.cronium.workflows.control;

import io.cronium.jobs.control.JobStop;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Stops the jobs of steps a workflow run decided to stop, after that decision committed (see StepsToStop). */
@ApplicationScoped
public class StepStopper {

    private static final Logger LOG = Logger.getLogger(StepStopper.class.getName());

    @EJB
    JobStop stop;

    void onDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) StepsToStop steps) {
        for (long jobId : steps.jobIds()) {
            try {
                stop.stop(jobId, steps.reason());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping job " + jobId + " of a workflow run failed; it runs to its end", e);
            }
        }
    }
}
