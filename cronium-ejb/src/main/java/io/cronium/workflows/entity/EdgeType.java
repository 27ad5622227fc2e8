package io.cronium.workflows.entity;

/** When a workflow edge lets the run continue to its target node. */
public enum EdgeType {
    ALWAYS, ON_SUCCESS, ON_FAILURE, ON_CONDITION
}
