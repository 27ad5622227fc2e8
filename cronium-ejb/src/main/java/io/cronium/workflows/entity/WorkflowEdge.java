package io.cronium.workflows.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A connection from one node to another, taken when its type (and condition) allows. */
@Entity
@Table(name = "workflow_edges")
public class WorkflowEdge {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "workflow_id")
    private Workflow workflow;

    @Column(name = "from_node", nullable = false)
    private String from;

    @Column(name = "to_node", nullable = false)
    private String to;

    @Enumerated(EnumType.STRING)
    @Column(name = "edge_type", nullable = false)
    private EdgeType type;

    @Column(name = "condition_expr")
    private String condition;

    protected WorkflowEdge() {
    }

    public WorkflowEdge(Workflow workflow, String from, String to, EdgeType type, String condition) {
        this.workflow = workflow;
        this.from = from;
        this.to = to;
        this.type = type;
        this.condition = condition;
    }

    public Long getId() { return id; }
    public String getFrom() { return from; }
    public String getTo() { return to; }
    public EdgeType getType() { return type; }
    public String getCondition() { return condition; }
}
