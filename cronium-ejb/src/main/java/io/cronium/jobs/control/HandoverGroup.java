package io.cronium.jobs.control;

import io.cronium.jobs.entity.JobStatus;
import io.cronium.logs.control.RunAggregate;
import io.cronium.logs.control.RunOutput;
import io.cronium.logs.control.RunRecorder;
import io.cronium.platform.NodeIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the workers' hand-overs (the end of a run, and the jobs its worker asks for next) on a writer thread of its
 * own, in groups: those handed in while one group is written are written together next, in one transaction
 * ({@link RunStarts#handOver}). A worker does not wait for it when it holds a started job already: that job's start
 * was committed by an earlier group, so the commit of this one overlaps its run (db-scheduler's executors do the
 * same beside its one polling thread; docs/BENCHMARKS.md, issue 5). A group that fails is written one hand-over at
 * a time; a hand-over that fails alone has its end recorded alone, as any end needing the job's row is.
 */
@ApplicationScoped
public class HandoverGroup {

    private static final Logger LOG = Logger.getLogger(HandoverGroup.class.getName());

    /**
     * A worker's hand-over: how its run ended (its job moves to {@code endsAs}, known without reading the job: see
     * {@link io.cronium.logs.control.AttemptOutcome#settledStatus}), and how many jobs it asks for to be claimed and
     * started for this node's workers.
     */
    public record Handover(ClaimedJob ended, List<RunAggregate.End> ends, JobPayload payload, JobStatus endsAs,
                           List<RunOutput.Chunk> lastOutput, int starts) {
    }

    private record Pending(Handover handover, CompletableFuture<Void> written) {
    }

    @EJB
    RunStarts starts;

    @EJB
    RunRecorder recorder;

    @Inject
    NodeIdentity node;

    @Inject
    Leases leases;

    @Inject
    JobsAhead ahead;

    @Inject
    GiveBack giveBack;

    @Resource
    ManagedThreadFactory threads;

    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    /** The jobs asked for by the hand-overs not written yet. */
    private final AtomicInteger startsAskedFor = new AtomicInteger();
    private volatile boolean stopped;
    private Thread writer;

    /**
     * Hands {@code handover} to the writer; the jobs started for it go to {@link JobsAhead} before the future
     * completes. The future never fails: an end that cannot be written at all is logged, and its lease runs out.
     */
    public CompletableFuture<Void> submit(Handover handover) {
        var mine = new Pending(handover, new CompletableFuture<>());
        startsAskedFor.addAndGet(handover.starts());
        pending.add(mine);
        if (!writerRunning()) {
            writeWaiting(); // the node stops: the worker writes its own
        }
        return mine.written();
    }

    /** How many jobs the hand-overs waiting to be written ask for. */
    int startsAskedFor() {
        return startsAskedFor.get();
    }

    private synchronized boolean writerRunning() {
        if (stopped) {
            return false;
        }
        if (writer == null) {
            writer = threads.newThread(this::writeUntilStopped);
            writer.setName("cronium-handovers");
            writer.setDaemon(true);
            writer.start();
        }
        return true;
    }

    @PreDestroy
    void stop() {
        synchronized (this) {
            stopped = true;
        }
        writeWaiting();
    }

    private void writeUntilStopped() {
        while (!stopped) {
            try {
                Pending first = pending.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Pending> group = new ArrayList<>(List.of(first));
                    pending.drainTo(group);
                    write(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) { // the writer goes on: workers wait for what it writes next
                LOG.log(Level.SEVERE, "the hand-over writer failed", e);
            }
        }
    }

    private synchronized void writeWaiting() {
        List<Pending> group = new ArrayList<>();
        pending.drainTo(group);
        if (!group.isEmpty()) {
            write(group);
        }
    }

    private void write(List<Pending> group) {
        try {
            var held = starts.handOver(node.id(), leases.seconds(), group.stream().map(Pending::handover).toList());
            giveBack.giveBack(ahead.add(held), "the node stops");
            written(group);
        } catch (RuntimeException e) {
            if (group.size() > 1) {
                LOG.log(Level.WARNING, "writing several hand-overs together failed; writing each alone", e);
                group.forEach(p -> write(List.of(p)));
                return;
            }
            endAlone(group.get(0), e);
        } catch (Error e) {
            written(group);
            throw e;
        }
    }

    private void written(List<Pending> group) {
        group.forEach(p -> {
            startsAskedFor.addAndGet(-p.handover().starts());
            p.written().complete(null);
        });
    }

    private void endAlone(Pending p, RuntimeException cause) {
        ClaimedJob job = p.handover().ended();
        LOG.log(Level.WARNING, "recording the end of job " + job.jobId() + " with the start of others failed;"
                + " recording them apart", cause);
        try {
            recorder.finish(job, p.handover().ends(), p.handover().payload(), p.handover().lastOutput());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the end of job " + job.jobId() + " could not be recorded; its lease will run out", e);
        } finally {
            written(List.of(p));
        }
    }
}
