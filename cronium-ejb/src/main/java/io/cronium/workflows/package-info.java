/** Workflows: events as nodes of a directed acyclic graph, edges with conditions, and their executions. */
package io.cronium.workflows;
