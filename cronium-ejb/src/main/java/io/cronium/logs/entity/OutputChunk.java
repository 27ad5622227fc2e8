package io.cronium.logs.entity;

import io.cronium.execution.OutputChannel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A piece of a run's live output, appended as it arrives (already masked). */
@Entity
@Table(name = "output_chunks")
public class OutputChunk {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "execution_id")
    private String executionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "stream", nullable = false)
    private OutputChannel channel;

    @Column(nullable = false)
    private String content;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected OutputChunk() {
    }

    public OutputChunk(long logId, String executionId, OutputChannel channel, String content) {
        this.logId = logId;
        this.executionId = executionId;
        this.channel = channel;
        this.content = content;
    }

    public Long getId() { return id; }
    public long getLogId() { return logId; }
    public String getExecutionId() { return executionId; }
    public OutputChannel getChannel() { return channel; }
    public String getContent() { return content; }
    public Instant getCreatedAt() { return createdAt; }
}
