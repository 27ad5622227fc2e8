package io.cronium.scheduling.control;

import io.cronium.scheduling.entity.SlotOutcome;
import java.time.Instant;

/** What to do with one schedule slot: enqueue a run, or record it as MISSED. */
public record SlotPlan(Instant slot, SlotOutcome outcome) {
}
