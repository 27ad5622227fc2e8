package io.cronium.execution.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs left on the engine (containers, volumes, networks carrying Cronium's labels), grouped by execution, and
 * their removal. Deciding which of them are orphans needs the job table and is not done here.
 */
public final class RunLeftovers {

    /** One execution's resources on the engine. */
    public record Leftover(String executionId, long jobId, int attempt, String node, List<String> containers,
                           List<String> volumes, List<String> networks) {
    }

    private final DockerClient docker;

    public RunLeftovers(DockerClient docker) {
        this.docker = docker;
    }

    /** What the given installation's runs left. */
    public List<Leftover> list(String installation) {
        Map<String, Builder> byExecution = new LinkedHashMap<>();
        String label = ContainerLabels.INSTALLATION + "=" + installation;
        docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerLabels.INSTALLATION, installation)).exec()
                .forEach(c -> builder(byExecution, c.getLabels()).containers.add(c.getId()));
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes();
        if (volumes != null) {
            volumes.forEach(v -> builder(byExecution, v.getLabels()).volumes.add(v.getName()));
        }
        docker.listNetworksCmd().withFilter("label", List.of(label)).exec()
                .forEach(n -> builder(byExecution, n.getLabels()).networks.add(n.getId()));
        return byExecution.values().stream().map(Builder::build).toList();
    }

    /** Kills and removes everything of one execution; what is already gone is skipped. */
    public void remove(Leftover leftover) {
        for (String container : leftover.containers()) {
            ignoreMissing(() -> docker.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec());
        }
        for (String volume : leftover.volumes()) {
            ignoreMissing(() -> docker.removeVolumeCmd(volume).exec());
        }
        for (String network : leftover.networks()) {
            ignoreMissing(() -> docker.removeNetworkCmd(network).exec());
        }
    }

    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException ignored) {
            // removed meanwhile
        }
    }

    private static Builder builder(Map<String, Builder> byExecution, Map<String, String> labels) {
        return byExecution.computeIfAbsent(labels.get(ContainerLabels.EXECUTION), id -> new Builder(id, labels));
    }

    private static final class Builder {
        final String executionId;
        final Map<String, String> labels;
        final List<String> containers = new java.util.ArrayList<>();
        final List<String> volumes = new java.util.ArrayList<>();
        final List<String> networks = new java.util.ArrayList<>();

        Builder(String executionId, Map<String, String> labels) {
            this.executionId = executionId;
            this.labels = labels;
        }

        Leftover build() {
            return new Leftover(executionId, parseLong(labels.get(ContainerLabels.JOB)),
                    (int) parseLong(labels.get(ContainerLabels.ATTEMPT)), labels.get(ContainerLabels.NODE),
                    List.copyOf(containers), List.copyOf(volumes), List.copyOf(networks));
        }

        private static long parseLong(String value) {
            try {
                return value == null ? -1 : Long.parseLong(value);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
