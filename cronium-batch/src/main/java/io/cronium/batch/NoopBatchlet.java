package io.cronium.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;

/** The step of the cronium-noop job: nothing, so that a measurement sees only the batch runtime's own cost. */
@Named("noopBatchlet")
@Dependent
public class NoopBatchlet extends AbstractBatchlet {

    @Override
    public String process() {
        return "COMPLETED";
    }
}
