package io.cronium.scheduling.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;

/**
 * When something runs by itself: a cron expression or a fixed interval (or neither: manual only), in a time zone,
 * with a misfire policy, and the next instant it is due. Shared by events and workflows.
 */
@Embeddable
public class Schedule {

    @Column(name = "cron_expression")
    private String cron;

    @Column(name = "interval_seconds")
    private Long intervalSeconds;

    @Column(nullable = false)
    private String timezone = "UTC";

    @Enumerated(EnumType.STRING)
    @Column(name = "misfire_policy", nullable = false)
    private MisfirePolicy misfirePolicy = MisfirePolicy.RUN_ONCE;

    @Column(name = "next_fire_at")
    private Instant nextFireAt;

    public Schedule() {
    }

    public Schedule(String cron, Long intervalSeconds, String timezone, MisfirePolicy misfirePolicy) {
        this.cron = cron;
        this.intervalSeconds = intervalSeconds;
        this.timezone = timezone == null ? "UTC" : timezone;
        this.misfirePolicy = misfirePolicy == null ? MisfirePolicy.RUN_ONCE : misfirePolicy;
    }

    public boolean isManualOnly() {
        return cron == null && intervalSeconds == null;
    }

    public String cron() { return cron; }
    public Long intervalSeconds() { return intervalSeconds; }
    public String timezone() { return timezone; }
    public MisfirePolicy misfirePolicy() { return misfirePolicy; }
    public Instant nextFireAt() { return nextFireAt; }

    public void nextFireAt(Instant next) {
        this.nextFireAt = next;
    }
}
