package io.cronium.execution.container;

/**
 * Who starts a run's containers: the installation (several may share one engine) and the node. Leftovers are
 * judged only by the installation that made them.
 */
public record RunOwner(String installation, String node) {
}
