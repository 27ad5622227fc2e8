package io.cronium.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** An event placed on a workflow's canvas, named by a key unique within the workflow. */
@Entity
@Table(name = "workflow_nodes")
public class WorkflowNode {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "workflow_id")
    private Workflow workflow;

    @Column(name = "node_key", nullable = false)
    private String key;

    @Column(name = "event_id", nullable = false)
    private long eventId;

    @Column(name = "position_x")
    private Integer x;

    @Column(name = "position_y")
    private Integer y;

    protected WorkflowNode() {
    }

    public WorkflowNode(Workflow workflow, String key, long eventId) {
        this.workflow = workflow;
        this.key = key;
        this.eventId = eventId;
    }

    /** Where the node sits on the console's canvas (null: not placed yet). */
    public void placeAt(Integer x, Integer y) {
        this.x = x;
        this.y = y;
    }

    public Long getId() { return id; }
    public String getKey() { return key; }
    public long getEventId() { return eventId; }
    public Integer getX() { return x; }
    public Integer getY() { return y; }
}
