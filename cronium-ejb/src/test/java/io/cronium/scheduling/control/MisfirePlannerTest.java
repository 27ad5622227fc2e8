package io.cronium.scheduling.control;

import static io.cronium.scheduling.entity.SlotOutcome.ENQUEUED;
import static io.cronium.scheduling.entity.SlotOutcome.MISSED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cronium.scheduling.entity.MisfirePolicy;
import io.cronium.scheduling.entity.SlotOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MisfirePlannerTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final List<Instant> SLOTS = List.of(NOW.minusSeconds(600), NOW.minusSeconds(300), NOW.minusSeconds(120), NOW.minusSeconds(10));

    List<SlotOutcome> outcomes(MisfirePolicy policy, int limit) {
        return MisfirePlanner.plan(SLOTS, NOW, policy, Duration.ofSeconds(60), limit).stream().map(SlotPlan::outcome).toList();
    }

    @Test
    void onTimeSlotsAlwaysRunAndLateOnesFollowThePolicy() {
        assertEquals(List.of(MISSED, MISSED, MISSED, ENQUEUED), outcomes(MisfirePolicy.SKIP, 100));
        assertEquals(List.of(MISSED, MISSED, ENQUEUED, ENQUEUED), outcomes(MisfirePolicy.RUN_ONCE, 100));
        assertEquals(List.of(ENQUEUED, ENQUEUED, ENQUEUED, ENQUEUED), outcomes(MisfirePolicy.RUN_ALL, 100));
        assertEquals(List.of(ENQUEUED, ENQUEUED, MISSED, ENQUEUED), outcomes(MisfirePolicy.RUN_ALL, 2));
    }

    @Test
    void everySlotGetsExactlyOnePlan() {
        var plans = MisfirePlanner.plan(SLOTS, NOW, MisfirePolicy.RUN_ONCE, Duration.ofSeconds(60), 100);
        assertEquals(SLOTS, plans.stream().map(SlotPlan::slot).sorted().toList());
    }
}
