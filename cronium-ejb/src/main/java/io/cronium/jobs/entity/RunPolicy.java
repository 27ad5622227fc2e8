package io.cronium.jobs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** How the runs of an event behave when they fail, lose their node or overlap. */
@Embeddable
public class RunPolicy {

    public static final int DEFAULT_RETRY_DELAY_SECONDS = 10;
    public static final int DEFAULT_RETRY_MAX_DELAY_SECONDS = 600;

    @Column(nullable = false)
    private int retries;

    @Column(name = "retry_delay_seconds", nullable = false)
    private int retryDelaySeconds = DEFAULT_RETRY_DELAY_SECONDS;

    @Column(name = "retry_max_delay_seconds", nullable = false)
    private int retryMaxDelaySeconds = DEFAULT_RETRY_MAX_DELAY_SECONDS;

    @Enumerated(EnumType.STRING)
    @Column(name = "recovery_policy", nullable = false)
    private RecoveryPolicy recovery = RecoveryPolicy.RERUN;

    @Enumerated(EnumType.STRING)
    @Column(name = "concurrency_policy", nullable = false)
    private ConcurrencyPolicy concurrency = ConcurrencyPolicy.ALLOW;

    public RunPolicy() {
    }

    public RunPolicy(int retries, int retryDelaySeconds, int retryMaxDelaySeconds, RecoveryPolicy recovery,
                     ConcurrencyPolicy concurrency) {
        this.retries = retries;
        this.retryDelaySeconds = retryDelaySeconds;
        this.retryMaxDelaySeconds = retryMaxDelaySeconds;
        this.recovery = recovery;
        this.concurrency = concurrency;
    }

    public int retries() { return retries; }
    public int retryDelaySeconds() { return retryDelaySeconds; }
    public int retryMaxDelaySeconds() { return retryMaxDelaySeconds; }
    public RecoveryPolicy recovery() { return recovery; }
    public ConcurrencyPolicy concurrency() { return concurrency; }
}
