package io.cronium.jobs.control;

import io.cronium.common.GroupCommit;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.control.RunAggregate;
import io.cronium.logs.control.RunOutput;
import io.cronium.platform.NodeIdentity;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The workers' hand-overs (the end of a worker's run and the start of its next job) in a group commit: those made
 * while one group is written are written together next, their jobs' moves in one statement and one commit, instead
 * of each worker's own statements and commit (docs/BENCHMARKS.md, issue 5).
 */
@ApplicationScoped
public class HandoverGroup {

    private static final Logger LOG = Logger.getLogger(HandoverGroup.class.getName());

    /**
     * A worker's hand-over: how its run ended (its job moves to {@code endsAs}, known without reading the job: see
     * {@link io.cronium.logs.control.AttemptOutcome#settledStatus}) and the job claimed ahead it starts next (or null).
     */
    public record Handover(ClaimedJob ended, List<RunAggregate.End> ends, JobPayload payload, JobStatus endsAs,
                           List<RunOutput.Chunk> lastOutput, ClaimedJob next) {
    }

    @EJB
    RunStarts starts;

    @Inject
    NodeIdentity node;

    private GroupCommit<Handover, Optional<RunStarts.StartedRun>> groups;

    @PostConstruct
    void createGroups() {
        groups = new GroupCommit<>(group -> starts.handOver(node.id(), group),
                e -> LOG.log(Level.WARNING, "writing several hand-overs together failed; writing each alone", e));
    }

    /**
     * Writes the hand-over with those of the other workers ending runs now.
     * @return the next run, started; empty when there was none or it could not start here
     * @throws RuntimeException when the hand-over could not be written even alone (nothing of it was)
     */
    public Optional<RunStarts.StartedRun> write(Handover handover) {
        return groups.write(handover);
    }
}
