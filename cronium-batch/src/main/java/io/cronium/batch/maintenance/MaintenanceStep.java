package io.cronium.batch.maintenance;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The one step of a maintenance job: runs the named task; its summary is the step's exit status. */
@Named("maintenanceStep")
@Dependent
public class MaintenanceStep extends AbstractBatchlet {

    @Inject
    Maintenance maintenance;

    @Inject
    StepContext step;

    @Inject
    @BatchProperty(name = Maintenance.TASK)
    String task;

    @Override
    public String process() {
        String summary = maintenance.run(task);
        step.setExitStatus(summary);
        return summary;
    }
}
