package io.cronium.batch.fanout;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;

/** One partition per piece of a fan-out, all on threads of their own: no piece waits for another. */
@Named("fanOutPartitions")
@Dependent
public class FanOutPartitions implements PartitionMapper {

    @Inject
    @BatchProperty(name = FanOut.PARTS)
    String parts;

    @Override
    public PartitionPlan mapPartitions() {
        int n = Integer.parseInt(parts);
        var plan = new PartitionPlanImpl();
        plan.setPartitions(n);
        plan.setThreads(n);
        Properties[] properties = new Properties[n];
        for (int i = 0; i < n; i++) {
            properties[i] = new Properties();
            properties[i].setProperty("index", Integer.toString(i));
        }
        plan.setPartitionProperties(properties);
        return plan;
    }
}
