package io.cronium.execution;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The executors this node has, in order of preference; the first that can run a request gets it. */
@ApplicationScoped
public class ExecutorRegistry {

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "cronium.work-dir")
    Optional<String> workDir;

    @Inject
    @ConfigProperty(name = "cronium.output.max-chars", defaultValue = "1000000")
    int outputLimit;

    private List<Executor> executors;

    @PostConstruct
    void init() {
        Path root = Path.of(workDir.orElse(System.getProperty("java.io.tmpdir") + "/cronium-runs"));
        executors = List.of(new LocalProcessExecutor(threads, root, outputLimit));
    }

    public Optional<Executor> forRequest(ExecutionRequest request) {
        return executors.stream().filter(e -> e.canRun(request)).findFirst();
    }
}
