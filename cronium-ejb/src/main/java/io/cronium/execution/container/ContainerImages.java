package io.cronium.execution.container;

import io.cronium.execution.Interpreter;

/**
 * The image each script type runs in. The defaults are the images {@code server-config/docker/build-images.sh}
 * builds without a registry; with registry access, public images such as {@code python:3.12-slim} work too.
 *
 * @param pull whether a missing image is pulled from a registry (otherwise the run fails and says how to build it)
 */
public record ContainerImages(String bash, String python, String node, boolean pull) {

    public static final ContainerImages DEFAULT = new ContainerImages("cronium/bash:1", "cronium/python:1",
            "cronium/node:1", false);

    String of(Interpreter interpreter) {
        return switch (interpreter) {
            case BASH -> bash;
            case PYTHON -> python;
            case NODE -> node;
        };
    }
}
