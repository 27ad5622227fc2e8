package io.cronium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A group commit: what several threads hand in while one group is being written is written together next, in one
 * call of {@code writeGroup} (one transaction), instead of one call each. No thread of its own: the first waiting
 * thread to get the turn writes every item waiting, and wakes their threads; the others only wait. A group whose
 * writing fails is written again one item at a time, so that one bad item fails alone. (The node wrote its workers'
 * hand-overs so until 2026-12-01; kept for the benchmark's earlier designs.)
 *
 * @param <T> what is written
 * @param <R> what writing one item gives back to its thread
 */
public final class GroupCommit<T, R> {

    /** How long a waiting thread sleeps before it looks again, should a wake-up be missed. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private static final class Waiting<T, R> {
        final T item;
        final Thread thread = Thread.currentThread();
        R result;
        RuntimeException failure;
        volatile boolean written; // set after result or failure, which it publishes

        Waiting(T item) {
            this.item = item;
        }
    }

    private final Function<List<T>, List<R>> writeGroup;
    private final Consumer<RuntimeException> groupFailed;
    private final ConcurrentLinkedQueue<Waiting<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn = new ReentrantLock();

    /**
     * @param writeGroup  writes a group in one transaction and gives each item's result, in order
     * @param groupFailed told when a group of several failed (its items are then written one at a time)
     */
    public GroupCommit(Function<List<T>, List<R>> writeGroup, Consumer<RuntimeException> groupFailed) {
        this.writeGroup = writeGroup;
        this.groupFailed = groupFailed;
    }

    /**
     * Writes {@code item} with those the other threads hand in meanwhile.
     * @throws RuntimeException what writing the item alone threw (nothing of it was written)
     */
    public R write(T item) {
        var mine = new Waiting<T, R>(item);
        waiting.add(mine);
        while (!mine.written) {
            if (turn.tryLock()) {
                try {
                    if (!mine.written) {
                        writeWaiting(); // mine is among them: only a thread holding the turn takes items out
                    }
                } finally {
                    turn.unlock();
                }
                // items handed in while this group was written: their threads failed to get the turn, so one leads
                Waiting<T, R> next = waiting.peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                LockSupport.parkNanos(this, RECHECK_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** How many items wait for their group (for tests). */
    int waitingCount() {
        return waiting.size();
    }

    private void writeWaiting() {
        List<Waiting<T, R>> group = new ArrayList<>();
        for (var w = waiting.poll(); w != null; w = waiting.poll()) {
            group.add(w);
        }
        if (!group.isEmpty()) {
            write(group);
        }
    }

    private void write(List<Waiting<T, R>> group) {
        try {
            List<R> results = writeGroup.apply(group.stream().map(w -> w.item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result = results.get(i);
                written(group.get(i));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).failure = e;
                written(group.get(0));
                return;
            }
            try {
                groupFailed.accept(e);
            } catch (RuntimeException reportFailed) { // telling must not stop the items from being written
                e.addSuppressed(reportFailed);
            }
            group.forEach(w -> write(List.of(w)));
        } catch (Error e) { // no item may be left unwritten: its thread would wait for ever
            group.stream().filter(w -> !w.written).forEach(w -> {
                w.failure = new IllegalStateException("writing its group failed: " + e, e);
                written(w);
            });
            throw e;
        }
    }

    private static void written(Waiting<?, ?> w) {
        w.written = true;
        LockSupport.unpark(w.thread);
    }
}
