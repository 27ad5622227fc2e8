package io.cronium.batch.fanout;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The step of one partition: runs its piece of the fan-out in memory. */
@Named("fanOutPiece")
@Dependent
public class FanOutPiece extends AbstractBatchlet {

    @Inject
    FanOut fanOut;

    @Inject
    @BatchProperty(name = FanOut.ID)
    String id;

    @Inject
    @BatchProperty
    String index;

    @Override
    public String process() {
        fanOut.runPiece(id, Integer.parseInt(index));
        return "COMPLETED";
    }
}
