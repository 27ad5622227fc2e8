package io.cronium.scheduling.control;

import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.SlotOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the fate of due slots. A slot is on time when it is at most the misfire threshold old: it always runs.
 * Older slots (the node was down, the event paused) follow the event's policy: SKIP records them all as MISSED,
 * RUN_ONCE runs the newest of them and records the others as MISSED, RUN_ALL runs them up to a limit.
 */
public final class MisfirePlanner {

    private MisfirePlanner() {
    }

    public static List<SlotPlan> plan(List<Instant> slots, Instant now, MisfirePolicy policy, Duration threshold, int runAllLimit) {
        List<Instant> late = new ArrayList<>();
        List<SlotPlan> plans = new ArrayList<>();
        for (Instant slot : slots) {
            if (Duration.between(slot, now).compareTo(threshold) > 0) {
                late.add(slot);
            }
        }
        int lateRuns = 0;
        for (int i = 0; i < late.size(); i++) {
            boolean run = switch (policy) {
                case SKIP -> false;
                case RUN_ONCE -> i == late.size() - 1;
                case RUN_ALL -> lateRuns < runAllLimit;
            };
            if (run) {
                lateRuns++;
            }
            plans.add(new SlotPlan(late.get(i), run ? SlotOutcome.ENQUEUED : SlotOutcome.MISSED));
        }
        for (Instant slot : slots) {
            if (!late.contains(slot)) {
                plans.add(new SlotPlan(slot, SlotOutcome.ENQUEUED));
            }
        }
        return plans;
    }
}
