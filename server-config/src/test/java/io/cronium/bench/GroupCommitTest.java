package io.cronium.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's turn-taking: items handed in while a group is written are written together next, each thread
 * gets its own result, a group that fails is written again one by one so that only the bad item fails, and under
 * contention every item is written exactly once. (The hand-overs' writing runs against PostgreSQL in the system
 * tests; here the writer only records its groups.)
 */
class GroupCommitTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** Records the groups it writes, holding the first until told; a group holding {@code bad} fails. */
    private static final class Writer {
        final List<List<Integer>> groups = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch firstMayEnd = new CountDownLatch(1);
        final int bad;

        Writer(int bad) {
            this.bad = bad;
        }

        List<String> write(List<Integer> group) {
            groups.add(group);
            try {
                firstMayEnd.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (group.contains(bad)) {
                throw new IllegalStateException(bad + " cannot be written");
            }
            return group.stream().map(i -> "written " + i).toList();
        }
    }

    /** Hands in 1, then 2, 3 and 4 while 1 is being written. */
    private List<Future<String>> handInWhileTheFirstIsWritten(Writer writer, List<RuntimeException> groupFailures)
            throws InterruptedException {
        var commit = new GroupCommit<Integer, String>(writer::write, groupFailures::add);
        List<Future<String>> results = new ArrayList<>();
        results.add(threads.submit(() -> commit.write(1)));
        awaitGroups(writer, 1);
        for (int i = 2; i <= 4; i++) {
            int item = i;
            results.add(threads.submit(() -> commit.write(item)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.waitingCount() < 3 && System.nanoTime() < deadline) { // handed in, without the turn
            Thread.sleep(5);
        }
        writer.firstMayEnd.countDown();
        return results;
    }

    @Test
    void itemsHandedInWhileAGroupIsWrittenAreWrittenTogetherNextEachWithItsOwnResult() throws Exception {
        var writer = new Writer(-1);
        var results = handInWhileTheFirstIsWritten(writer, new ArrayList<>());

        for (int i = 0; i < 4; i++) {
            assertEquals("written " + (i + 1), results.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(2, writer.groups.size(), "one group for the first, one for the three handed in meanwhile");
        assertEquals(List.of(2, 3, 4), writer.groups.get(1).stream().sorted().toList());
    }

    @Test
    void aGroupThatFailsIsWrittenOneByOneAndOnlyTheBadItemFails() throws Exception {
        var writer = new Writer(3);
        List<RuntimeException> groupFailures = Collections.synchronizedList(new ArrayList<>());
        var results = handInWhileTheFirstIsWritten(writer, groupFailures);

        assertEquals("written 1", results.get(0).get(10, TimeUnit.SECONDS));
        assertEquals("written 2", results.get(1).get(10, TimeUnit.SECONDS));
        var failure = assertThrows(ExecutionException.class, () -> results.get(2).get(10, TimeUnit.SECONDS));
        assertEquals("3 cannot be written", failure.getCause().getMessage());
        assertEquals("written 4", results.get(3).get(10, TimeUnit.SECONDS));
        assertEquals(5, writer.groups.size(), "the first; the three together; then each of the three alone");
        assertEquals(1, groupFailures.size());
    }

    @Test
    void aFailedGroupIsWrittenOneByOneEvenWhenTellingOfItFails() throws Exception {
        var writer = new Writer(3);
        var results = handInWhileTheFirstIsWritten(writer, new ArrayList<>() {
            @Override
            public boolean add(RuntimeException e) {
                throw new IllegalStateException("the log is full");
            }
        });

        assertEquals("written 2", results.get(1).get(10, TimeUnit.SECONDS));
        var failure = assertThrows(ExecutionException.class, () -> results.get(2).get(10, TimeUnit.SECONDS));
        assertEquals("3 cannot be written", failure.getCause().getMessage());
        assertEquals("written 4", results.get(3).get(10, TimeUnit.SECONDS));
    }

    @Test
    void anErrorWritingAGroupFailsEveryItemOfItInsteadOfLeavingThreadsWaiting() throws Exception {
        var firstMayEnd = new CountDownLatch(1);
        var commit = new GroupCommit<Integer, String>(group -> {
            try {
                firstMayEnd.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (group.size() > 1) {
                throw new StackOverflowError("deep");
            }
            return List.of("written " + group.get(0));
        }, e -> { });
        Future<String> first = threads.submit(() -> commit.write(1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.waitingCount() > 0 && System.nanoTime() < deadline) { // 1 is being written
            Thread.sleep(5);
        }
        List<Future<String>> others = new ArrayList<>();
        for (int i = 2; i <= 3; i++) {
            int item = i;
            others.add(threads.submit(() -> commit.write(item)));
        }
        while (commit.waitingCount() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        firstMayEnd.countDown();

        assertEquals("written 1", first.get(10, TimeUnit.SECONDS));
        for (var other : others) { // one wrote the group and got the error, the other the failure it left
            var failure = assertThrows(ExecutionException.class, () -> other.get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().toString().contains("deep"), failure.getCause().toString());
        }
    }

    @Test
    void underContentionEveryItemIsWrittenOnceAndEveryThreadGetsItsOwn() throws Exception {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        var commit = new GroupCommit<Integer, Integer>(group -> {
            group.forEach(i -> {
                if (!written.add(i)) {
                    duplicates.incrementAndGet();
                }
            });
            return group.stream().map(i -> -i).toList();
        }, e -> { });
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t * 5_000;
            workers.add(threads.submit(() -> {
                for (int i = first; i < first + 5_000; i++) {
                    assertEquals(-i, commit.write(i));
                }
                return null;
            }));
        }
        for (var worker : workers) {
            worker.get(60, TimeUnit.SECONDS);
        }
        assertEquals(40_000, written.size());
        assertEquals(0, duplicates.get());
    }

    private static void awaitGroups(Writer writer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.groups.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(count, writer.groups.size());
    }
}
