package io.cronium.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cronium.jobs.control.JobTable;
import io.cronium.jobs.entity.JobStatus;
import io.cronium.jobs.entity.RecoveryPolicy;
import jakarta.json.Json;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The job queue's figures (issue 5), on the embedded default: (1) no-op job throughput, claim to complete, of our
 * queue statements against db-scheduler on the same PostgreSQL with the same number of threads; (2) the end-to-end
 * overhead of a trivial Bash job over the fork/exec floor; (3) the latency of a printed line to an SSE client;
 * (4) what a no-op job costs through the server's Jakarta Batch runtime, to compare with (1) and (2); (5) the
 * dashboard's figures and the logs list with a million logs (run on its own: {@code -Dbench.parts=5}).
 * Usage: {@code ./cronium bench queue} with -Dbench.jobs=20000, -Dbench.threads=4, -Dbench.bash-runs=50,
 * -Dbench.bash-warmup=300 (runs before those measured, so that they meet a warmed-up server), -Dbench.lines=200
 * and -Dbench.parts=1234 (which parts to run) as the defaults; -Dbench.design=apart, prefetch, grouped or claim-start
 * measures an earlier design for part 1, -Dbench.claim-ahead-factor=3 the claims kept ahead per worker in those.
 */
public final class QueueBench {

    private QueueBench() {
    }

    public static void main(String[] args) throws Exception {
        int jobs = Integer.getInteger("bench.jobs", 20_000);
        int threads = Integer.getInteger("bench.threads", 4);
        int bashRuns = Integer.getInteger("bench.bash-runs", 50);
        int bashWarmup = Integer.getInteger("bench.bash-warmup", 300);
        int lines = Integer.getInteger("bench.lines", 200);
        String parts = System.getProperty("bench.parts", "1234");
        System.out.println(StartupBench.machine());
        try (var server = BenchServer.start(Map.of("CRONIUM_BENCH_ENABLED", "true"))) {
            if (parts.contains("1")) {
                throughput(server, jobs, threads);
            }
            if (parts.contains("2")) {
                bashOverhead(server, bashRuns, bashWarmup);
            }
            if (parts.contains("3")) {
                lineLatency(server, lines);
            }
            if (parts.contains("4")) {
                batchCost(server);
            }
            if (parts.contains("5")) {
                millionLogs(server, Integer.getInteger("bench.logs", 1_000_000));
            }
        }
    }

    // ---- 1. throughput ----

    static void throughput(BenchServer server, int jobs, int threads) throws Exception {
        try (var c = server.database("cronium"); var s = c.createStatement()) {
            s.execute("drop database if exists queue_bench");
            s.execute("create database queue_bench");
        }
        try (var c = server.database("queue_bench")) {
            migrate(c);
            try (var s = c.createStatement()) {
                s.execute("""
                        create table scheduled_tasks (
                            task_name text not null, task_instance text not null, task_data bytea,
                            execution_time timestamp with time zone not null, picked boolean not null, picked_by text,
                            last_success timestamp with time zone, last_failure timestamp with time zone,
                            consecutive_failures int, last_heartbeat timestamp with time zone, version bigint not null,
                            priority smallint, primary key (task_name, task_instance));
                        create index execution_time_idx on scheduled_tasks (execution_time);
                        create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
                        create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
                        insert into users (username, password_hash, role) values ('bench', 'x', 'USER');
                        insert into events (owner_id, name, type, content) select id, 'noop', 'BASH', 'true' from users;
                        insert into logs (event_id, owner_id, status) select id, owner_id, 'PENDING' from events;
                        """);
            }
        }
        System.out.printf(Locale.ROOT, "%n1. no-op throughput, claim -> complete, %d jobs, %d worker threads%n", jobs, threads);
        ours(server, jobs / 10, threads); // warm-up
        dbScheduler(server, jobs / 10, threads);
        List<Double> oursRates = new ArrayList<>();
        List<Double> peerRates = new ArrayList<>();
        // -Dbench.design=apart, prefetch or grouped (earlier designs), claim-start (a candidate): measured beside
        // db-scheduler the same way
        String design = System.getProperty("bench.design", "");
        if (!design.isEmpty()) {
            earlierDesign(server, jobs / 10, threads, design);
        }
        for (int round = 0; round < 3; round++) {
            oursRates.add(design.isEmpty() ? ours(server, jobs, threads) : earlierDesign(server, jobs, threads, design));
            peerRates.add(dbScheduler(server, jobs, threads));
        }
        double ours = StartupBench.median(oursRates);
        double peer = StartupBench.median(peerRates);
        String described = switch (design) {
            case "" -> "";
            case "apart" -> " (earlier design: each worker's hand-over in its own transaction, four statements)";
            case "claim-start" -> " (candidate: a group's round trip ends its jobs and claims the next as started)";
            case "grouped" -> " (earlier design: claimed ahead x" + factor() + ", each worker's end and next start written"
                    + " in a group commit, the worker waiting for it)";
            default -> " (earlier design: each worker's hand-over in one statement of its own, claim ahead x"
                    + factor() + ")";
        };
        System.out.printf(Locale.ROOT, "Cronium queue%s: %s jobs/s, median %.0f%n", described, rates(oursRates), ours);
        System.out.printf(Locale.ROOT, "db-scheduler:  %s jobs/s, median %.0f%n", rates(peerRates), peer);
        System.out.printf(Locale.ROOT, "ratio Cronium / db-scheduler: %.2f (target >= 1.0)%n", ours / peer);
    }

    static String rates(List<Double> rates) {
        return String.join(", ", rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
    }

    /** What {@code cronium.jobs.claim-ahead} is per worker: -Dbench.claim-ahead-factor (the node's default: 3). */
    static int factor() {
        return Integer.getInteger("bench.claim-ahead-factor", 3);
    }

    /**
     * The queue's statements as the node makes them (since 2026-12-01, issue 5): the dispatcher claims and starts two
     * jobs per free worker ({@link JobTable#CLAIM_TO_START}); a worker whose run ends takes a started job the node
     * holds and hands its end to the node's writer thread, asking for a job for itself when it held none (and then
     * waiting for the write) and for one to hold ahead while fewer are held or asked for than there are workers; the
     * writer writes every hand-over waiting in one round trip and commit: the ends
     * ({@link JobTable#MOVE_ALL}) and the jobs asked for, claimed and started (the node's {@code HandoverGroup}).
     */
    static double ours(BenchServer server, int jobs, int threads) throws Exception {
        queueJobs(server, jobs);
        AtomicInteger done = new AtomicInteger();
        Connection c = server.database("queue_bench");
        c.setAutoCommit(false);
        record Handover(long ended, int starts, java.util.concurrent.CompletableFuture<Void> written) {
        }
        var pending = new java.util.concurrent.LinkedBlockingQueue<Handover>();
        var held = new java.util.concurrent.LinkedBlockingQueue<Long>(); // started, not begun
        var askedFor = new AtomicInteger(); // by the hand-overs not written yet
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Handover first = pending.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    List<Handover> group = new ArrayList<>(List.of(first));
                    pending.drainTo(group);
                    var written = endAndStart(c, group.stream().map(Handover::ended).toList(),
                            group.stream().mapToInt(Handover::starts).sum());
                    done.addAndGet(written.ended());
                    held.addAll(written.started());
                    group.forEach(h -> {
                        askedFor.addAndGet(-h.starts());
                        h.written().complete(null);
                    });
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        writer.setDaemon(true); // a failed round must not keep the benchmark's process alive
        long t0 = System.nanoTime();
        writer.start();
        try (Connection d = server.database("queue_bench")) { // the dispatcher, for the free workers
            d.setAutoCommit(false);
            held.addAll(endAndStart(d, List.of(), 2 * threads).started());
        }
        runWorkers(threads, () -> {
            try {
                for (Long run = held.poll(); run != null; ) { // a no-op run
                    Long next = held.poll();
                    boolean room = held.size() + askedFor.get() < threads;
                    var handover = new Handover(run, (next == null ? 1 : 0) + (room ? 1 : 0),
                            new java.util.concurrent.CompletableFuture<>());
                    askedFor.addAndGet(handover.starts());
                    pending.add(handover);
                    if (next == null) {
                        handover.written().get();
                        next = held.poll();
                    }
                    run = next;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        writer.join();
        c.close();
        return groupedRate(jobs, threads, done.get(), seconds);
    }

    /**
     * Earlier designs, to compare in the same process: each worker records its job's end and its next job's start
     * in one transaction of its own, with the four statements the node made until 2026-12 ({@code apart}), or in one
     * statement ({@code prefetch}); in a group commit, the worker waiting for it ({@code grouped}, the node's until
     * the design of {@link #ours}); and the candidate {@code claim-start} ({@link #claimAndStart}).
     */
    static double earlierDesign(BenchServer server, int jobs, int threads, String design) throws Exception {
        if (design.equals("claim-start")) {
            return claimAndStart(server, jobs, threads);
        }
        if (design.equals("grouped")) {
            return grouped(server, jobs, threads, factor());
        }
        return claimedAhead(server, jobs, threads, factor(), !design.equals("apart"));
    }

    /** What one round trip of the candidates did: how many of the given jobs it ended, the jobs it started. */
    private record EndsAndStarts(int ended, List<Long> started) {
    }

    /**
     * The candidates' one round trip and commit: ends {@code ended} (RUNNING -> COMPLETED, as {@link JobTable#moveAll})
     * and claims up to {@code starts} due jobs straight to RUNNING.
     */
    private static EndsAndStarts endAndStart(Connection c, List<Long> ended, int starts) throws java.sql.SQLException {
        try (var statement = c.prepareStatement(JobTable.PLANNED_ONCE + JobTable.MOVE_ALL + ";\n" + JobTable.CLAIM_TO_START)) {
            JobTable.bindMoves(statement, "bench",
                    ended.stream().map(id -> JobTable.Move.end(id, 1, JobStatus.COMPLETED)).toList());
            statement.setInt(6, starts);
            statement.setString(7, "bench");
            statement.setInt(8, 60);
            List<List<Long>> results = new ArrayList<>(); // the ends moved, then the jobs started
            for (boolean rows = statement.execute(); rows || statement.getUpdateCount() != -1;
                 rows = statement.getMoreResults()) {
                if (rows) {
                    List<Long> ids = new ArrayList<>();
                    try (var r = statement.getResultSet()) {
                        while (r.next()) {
                            ids.add(r.getLong(1));
                        }
                    }
                    results.add(ids);
                }
            }
            c.commit();
            if (results.get(0).size() != ended.size()) {
                throw new IllegalStateException("ended " + results.get(0).size() + " of " + ended.size());
            }
            GROUPS.incrementAndGet();
            return new EndsAndStarts(ended.size(), results.get(1));
        }
    }

    /**
     * A candidate design ({@code -Dbench.design=claim-start}, 2026-12-01): no job is claimed ahead; a group's one
     * round trip ends its workers' jobs and claims their next ones straight to RUNNING, so a job has two row versions
     * (started, ended) as db-scheduler's (picked, deleted), and there are no claim transactions of their own.
     */
    private static double claimAndStart(BenchServer server, int jobs, int threads) throws Exception {
        queueJobs(server, jobs);
        AtomicInteger done = new AtomicInteger();
        Connection c = server.database("queue_bench");
        c.setAutoCommit(false);
        var groups = new GroupCommit<Long, Long>(endedJobs -> { // -1: a worker's first hand-over, nothing ended
            try {
                var written = endAndStart(c, endedJobs.stream().filter(id -> id != -1).toList(), endedJobs.size());
                done.addAndGet(written.ended());
                List<Long> next = new ArrayList<>();
                for (int i = 0; i < endedJobs.size(); i++) {
                    next.add(i < written.started().size() ? written.started().get(i) : -1L);
                }
                return next;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }, e -> e.printStackTrace());
        long t0 = System.nanoTime();
        runWorkers(threads, () -> {
            for (long job = groups.write(-1L); job != -1; job = groups.write(job)) {
                // a no-op run
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        c.close();
        return groupedRate(jobs, threads, done.get(), seconds);
    }

    /** Claims ahead into {@code buffer} (an empty element per worker at the end), as the node's dispatcher does. */
    private static Thread dispatcher(BenchServer server, int threads, int capacity,
            java.util.concurrent.BlockingQueue<java.util.Optional<io.cronium.jobs.control.ClaimedJob>> buffer) {
        Thread dispatcher = new Thread(() -> {
            try (Connection c = server.database("queue_bench")) {
                c.setAutoCommit(false);
                while (true) {
                    while (buffer.size() >= threads) {
                        Thread.sleep(0, 200_000);
                    }
                    var claimed = claimOnly(c, capacity - buffer.size());
                    c.commit();
                    if (claimed.isEmpty()) {
                        for (int i = 0; i < threads; i++) {
                            buffer.add(java.util.Optional.empty());
                        }
                        return;
                    }
                    claimed.forEach(j -> buffer.add(java.util.Optional.of(j)));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        dispatcher.start();
        return dispatcher;
    }

    /** A worker's end of one job and start of the next (-1: none). */
    private record Handover(long ended, long next) {

        java.util.stream.Stream<JobTable.Move> moves() {
            return java.util.stream.Stream.of(ended == -1 ? null : JobTable.Move.end(ended, 1, JobStatus.COMPLETED),
                    next == -1 ? null : JobTable.Move.start(next, 1)).filter(java.util.Objects::nonNull);
        }
    }

    private static double grouped(BenchServer server, int jobs, int threads, int factor) throws Exception {
        queueJobs(server, jobs, RecoveryPolicy.FAIL);
        var buffer = new java.util.concurrent.LinkedBlockingQueue<java.util.Optional<io.cronium.jobs.control.ClaimedJob>>();
        AtomicInteger done = new AtomicInteger();
        var connections = new java.util.concurrent.ArrayBlockingQueue<Connection>(threads); // a pool, as the node's
        for (int i = 0; i < threads; i++) {
            Connection c = server.database("queue_bench");
            c.setAutoCommit(false);
            connections.add(c);
        }
        var groups = new GroupCommit<Handover, Boolean>(group -> { // the node's group commit, with its statement
            List<JobTable.Move> moves = group.stream().flatMap(Handover::moves).toList();
            Connection c = connections.remove();
            try {
                int moved = JobTable.moveAll(c, "bench", moves).size();
                c.commit();
                if (moved != moves.size()) {
                    throw new IllegalStateException("moved " + moved + " of " + moves.size());
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                connections.add(c);
            }
            done.addAndGet((int) group.stream().filter(h -> h.ended() != -1).count());
            GROUPS.incrementAndGet();
            return group.stream().map(h -> true).toList();
        }, e -> e.printStackTrace()); // then written one by one: a hand-over that fails alone fails its worker
        // as the node's JobDispatcher: a worker that sees fewer jobs claimed ahead than workers claims (unless another
        // worker does), skipping due FORBID runs first, in a transaction of its own
        var claiming = new java.util.concurrent.locks.ReentrantLock();
        var exhausted = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable dispatch = () -> {
            if (buffer.size() >= threads || exhausted.get() || !claiming.tryLock()) {
                return;
            }
            Connection c = connections.remove();
            try {
                JobTable.skipForbidden(c);
                var claimed = claimOnly(c, factor * threads - buffer.size());
                c.commit();
                claimed.forEach(j -> buffer.add(java.util.Optional.of(j)));
                if (claimed.isEmpty()) {
                    exhausted.set(true);
                    for (int i = 0; i < threads; i++) {
                        buffer.add(java.util.Optional.empty());
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            } finally {
                connections.add(c);
                claiming.unlock();
            }
        };
        long t0 = System.nanoTime();
        runWorkers(threads, () -> {
            try {
                long previous = -1;
                while (true) {
                    dispatch.run();
                    var next = buffer.take();
                    long nextId = next.map(io.cronium.jobs.control.ClaimedJob::jobId).orElse(-1L);
                    groups.write(new Handover(previous, nextId));
                    if (next.isEmpty()) {
                        return;
                    }
                    previous = nextId;
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (Connection c : connections) {
            c.close();
        }
        return groupedRate(jobs, threads, done.get(), seconds);
    }

    private static final AtomicInteger GROUPS = new AtomicInteger();

    /** The earlier designs' claim: their jobs' policy (FAIL) makes the node's claim leave them CLAIMED. */
    private static List<io.cronium.jobs.control.ClaimedJob> claimOnly(Connection c, int limit) throws java.sql.SQLException {
        var claimed = JobTable.claimToStart(c, "bench", 60, limit);
        if (claimed.stream().anyMatch(JobTable.Claim::started)) {
            throw new IllegalStateException("an earlier design's job was started by its claim");
        }
        return claimed.stream().map(JobTable.Claim::job).toList();
    }

    /** Runs {@code work} on {@code threads} threads of its own and waits for them all. */
    private static void runWorkers(int threads, Runnable work) throws InterruptedException {
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread worker = new Thread(work);
            worker.start();
            workers.add(worker);
        }
        for (Thread w : workers) {
            w.join();
        }
    }

    /** Jobs per second of a grouped design, once every job was seen completed; prints the groups' mean size. */
    private static double groupedRate(int jobs, int threads, int done, double seconds) {
        if (done != jobs) {
            throw new IllegalStateException("completed " + done + " of " + jobs);
        }
        System.out.printf(Locale.ROOT, "  (%d jobs: %.1f hand-overs per group on average)%n", jobs,
                (double) (jobs + threads) / GROUPS.getAndSet(0));
        return jobs / seconds;
    }

    private static void queueJobs(BenchServer server, int jobs) throws Exception {
        queueJobs(server, jobs, RecoveryPolicy.RERUN);
    }

    /**
     * {@code jobs} no-op jobs; with recovery policy FAIL, which the node's claim ({@link JobTable#CLAIM_TO_START})
     * only claims, for the earlier designs that claim and start apart.
     */
    private static void queueJobs(BenchServer server, int jobs, RecoveryPolicy recovery) throws Exception {
        try (var c = server.database("queue_bench"); var s = c.createStatement()) {
            s.execute("delete from jobs");
            s.execute("insert into jobs (event_id, log_id, status, priority, payload, recovery) select l.event_id, l.id,"
                    + " 'QUEUED', 1, '{}', '" + recovery.name() + "' from logs l, generate_series(1, " + jobs + ")");
            s.execute("vacuum analyze jobs");
        }
    }

    private static double claimedAhead(BenchServer server, int jobs, int threads, int factor, boolean oneStatement)
            throws Exception {
        queueJobs(server, jobs, RecoveryPolicy.FAIL);
        var buffer = new java.util.concurrent.LinkedBlockingQueue<java.util.Optional<io.cronium.jobs.control.ClaimedJob>>();
        AtomicInteger done = new AtomicInteger();
        int capacity = factor * threads;
        long t0 = System.nanoTime();
        Thread dispatcher = dispatcher(server, threads, capacity, buffer);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread worker = new Thread(() -> {
                if (!oneStatement) {
                    try (Connection c = server.database("queue_bench")) {
                        c.setAutoCommit(false);
                        long previous = -1;
                        for (var next = buffer.take(); ; next = buffer.take()) {
                            if (previous != -1) { // the end of the worker's job ...
                                JobTable.lock(c, previous);
                                JobTable.transition(c, previous, 1, JobStatus.RUNNING, JobStatus.COMPLETED);
                                done.incrementAndGet();
                            }
                            if (next.isPresent()) { // ... and the start of its next one, in one transaction
                                previous = next.get().jobId();
                                JobTable.holdClaim(c, previous, 1, "bench");
                                JobTable.transition(c, previous, 1, JobStatus.CLAIMED, JobStatus.RUNNING);
                            }
                            c.commit();
                            if (next.isEmpty()) {
                                return;
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                try (Connection c = server.database("queue_bench"); var statement = c.prepareStatement("""
                        update jobs set status = case when id = ? then 'COMPLETED' else 'RUNNING' end,
                               started_at = case when id = ? then started_at else now() end,
                               finished_at = case when id = ? then now() else finished_at end,
                               lease_until = case when id = ? then null else lease_until end
                         where (id = ? and attempt = 1 and status = 'RUNNING') or (id = ? and attempt = 1 and status = 'CLAIMED')
                        """)) {
                    long previous = -1;
                    while (true) {
                        var next = buffer.take();
                        long nextId = next.map(io.cronium.jobs.control.ClaimedJob::jobId).orElse(-1L);
                        for (int i = 1; i <= 5; i++) {
                            statement.setLong(i, previous);
                        }
                        statement.setLong(6, nextId);
                        statement.executeUpdate();
                        if (previous != -1) {
                            done.incrementAndGet();
                        }
                        if (next.isEmpty()) {
                            return;
                        }
                        previous = nextId;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        dispatcher.join();
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (done.get() != jobs) {
            throw new IllegalStateException("completed " + done.get() + " of " + jobs);
        }
        return jobs / seconds;
    }

    /** db-scheduler with its PostgreSQL polling strategy (lock-and-fetch), a pool of as many connections as threads. */
    static double dbScheduler(BenchServer server, int jobs, int threads) throws Exception {
        try (var c = server.database("queue_bench"); var s = c.createStatement()) {
            s.execute("delete from scheduled_tasks");
            s.execute("vacuum analyze scheduled_tasks");
            s.execute("insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)"
                    + " select 'noop', 'i' || n, now(), false, 1 from generate_series(1, " + jobs + ") n");
        }
        var config = new HikariConfig();
        config.setJdbcUrl(server.database("queue_bench").getMetaData().getURL());
        config.setUsername("postgres");
        config.setMaximumPoolSize(threads + 2);
        AtomicInteger done = new AtomicInteger();
        var task = Tasks.oneTime("noop").execute((instance, context) -> done.incrementAndGet());
        try (var ds = new HikariDataSource(config)) {
            Scheduler scheduler = Scheduler.create(ds, task).threads(threads).pollingInterval(Duration.ofMillis(100))
                    .pollUsingLockAndFetch(0.5, 3.0).build();
            long t0 = System.nanoTime();
            scheduler.start();
            // its own count first: counting the table's rows every few milliseconds while it works slowed it by a
            // third (docs/BENCHMARKS.md, seventh VM)
            while (done.get() < jobs) {
                Thread.sleep(1);
            }
            while (remaining(server) > 0) { // the last runs' rows deleted
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            scheduler.stop();
            if (done.get() != jobs) {
                throw new IllegalStateException("db-scheduler ran " + done.get() + " of " + jobs);
            }
            return jobs / seconds;
        }
    }

    static long remaining(BenchServer server) throws Exception {
        try (var c = server.database("queue_bench")) {
            return SchedulingBench.single(c, "select count(*) from scheduled_tasks");
        }
    }

    /** Applies the application's own migrations, in order, to the benchmark's database. */
    static void migrate(Connection c) throws Exception {
        var first = QueueBench.class.getClassLoader().getResource("db/migration/V1__data_model.sql").toURI();
        List<Path> scripts;
        if (first.getScheme().equals("jar")) {
            var fs = FileSystems.newFileSystem(first, Map.of());
            scripts = list(fs.getPath("/db/migration"));
        } else {
            scripts = list(Path.of(first).getParent());
        }
        for (Path script : scripts) {
            try (var s = c.createStatement()) {
                s.execute(Files.readString(script));
            }
        }
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b))).toList();
        }
    }

    static int version(Path script) {
        String name = script.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    // ---- 2. trivial Bash job over the fork/exec floor ----

    static void bashOverhead(BenchServer server, int runs, int warmup) throws Exception {
        System.out.printf(Locale.ROOT, "%n2. a trivial Bash job ('true'), %d sequential runs on an idle node, after %d"
                + " runs to warm it up (the JIT compiles the run's path)%n", runs, warmup);
        Path script = Files.createTempFile("floor", ".sh");
        Files.writeString(script, "true\n");
        List<Double> floor = new ArrayList<>();
        for (int i = 0; i < runs + warmup; i++) {
            long t0 = System.nanoTime();
            new ProcessBuilder("bash", script.toString()).start().waitFor();
            if (i >= warmup) {
                floor.add((System.nanoTime() - t0) / 1e6);
            }
        }
        long event = server.createEvent("{\"name\":\"noop\",\"type\":\"BASH\",\"content\":\"true\",\"isolation\":\"PROCESS\"}");
        List<Long> logs = new ArrayList<>();
        try (var c = server.database("cronium")) {
            try (var s = c.createStatement()) {
                s.execute("listen cronium_runs");
            }
            for (int i = 0; i < runs + warmup; i++) {
                var reply = server.post("/events/" + event + "/run", "{}", server.token());
                long logId;
                try (var reader = Json.createReader(new StringReader(reply.body()))) {
                    logId = reader.readObject().getJsonNumber("logId").longValue();
                }
                awaitFinal(c, logId);
                if (i >= warmup) {
                    logs.add(logId);
                }
            }
            String ids = String.join(",", logs.stream().map(String::valueOf).toList());
            double floorMedian = StartupBench.median(floor);
            System.out.printf(Locale.ROOT, "floor: bash started and awaited from Java: median %.1f ms%n", floorMedian);
            double e2e = medianOf(c, "select extract(epoch from (l.finished_at - j.created_at)) * 1000 from logs l"
                    + " join jobs j on j.log_id = l.id where l.id in (" + ids + ")");
            System.out.printf(Locale.ROOT, "Cronium: job queued -> log finished: median %.1f ms%n", e2e);
            System.out.printf(Locale.ROOT, "  of which queued -> execution started %.1f ms, setup %.1f ms, execution %.1f ms,"
                            + " cleanup %.1f ms%n",
                    medianOf(c, "select extract(epoch from (x.started_at - j.created_at)) * 1000 from executions x"
                            + " join jobs j on j.id = x.job_id where x.log_id in (" + ids + ")"),
                    medianOf(c, "select setup_ms from executions where log_id in (" + ids + ")"),
                    medianOf(c, "select execution_ms from executions where log_id in (" + ids + ")"),
                    medianOf(c, "select cleanup_ms from executions where log_id in (" + ids + ")"));
            System.out.printf(Locale.ROOT, "overhead over the floor: %+.1f ms (target <= +15 ms)%n", e2e - floorMedian);
        }
    }

    /** Waits for the log's final status, woken by the application's own change announcements (no busy polling). */
    static void awaitFinal(Connection c, long logId) throws Exception {
        var pg = c.unwrap(org.postgresql.PGConnection.class);
        try (var s = c.prepareStatement("select status from logs where id = ?")) {
            s.setLong(1, logId);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try (var rows = s.executeQuery()) {
                    rows.next();
                    String status = rows.getString(1);
                    if (!status.equals("PENDING") && !status.equals("RUNNING")) {
                        return;
                    }
                }
                pg.getNotifications(100);
            }
        }
        throw new IllegalStateException("log " + logId + " did not finish");
    }

    static double medianOf(Connection c, String sql) throws Exception {
        List<Double> values = new ArrayList<>();
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getDouble(1));
            }
        }
        return StartupBench.median(values);
    }

    static String distinct(Connection c, String sql) throws Exception {
        var values = new java.util.TreeSet<String>();
        try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values.toString();
    }

    // ---- 4. Jakarta Batch per job ----

    static void batchCost(BenchServer server) throws Exception {
        System.out.printf(Locale.ROOT, "%n4. Jakarta Batch: a no-op job (one batchlet step) through the server's batch runtime%n");
        var reply = server.post("/bench/batch-cost?sequential=50&burst=100", "{}", server.token());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("batch measurement failed: " + reply.statusCode() + " " + reply.body());
        }
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            var figures = reader.readObject();
            List<Double> sequential = figures.getJsonArray("sequentialMillis").getValuesAs(jakarta.json.JsonNumber.class)
                    .stream().map(jakarta.json.JsonNumber::doubleValue).sorted().toList();
            int burst = figures.getInt("burst");
            double burstMillis = figures.getJsonNumber("burstMillis").doubleValue();
            System.out.printf(Locale.ROOT, "start -> COMPLETED, one at a time: median %.1f ms, p95 %.1f ms (n=%d)%n",
                    StartupBench.median(sequential), SchedulingBench.pct(sequential, 95), sequential.size());
            System.out.printf(Locale.ROOT, "%d started at once: %.0f ms, %.0f jobs/s%n", burst, burstMillis,
                    burst / (burstMillis / 1000));
        }
    }

    // ---- 5. the dashboard and the logs list with a million logs ----

    static void millionLogs(BenchServer server, int count) throws Exception {
        System.out.printf(Locale.ROOT, "%n5. dashboard and logs list with %,d logs over 14 days%n", count);
        try (var c = server.database("cronium"); var s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("insert into logs (event_id, owner_id, status, trigger_type, started_at, finished_at, duration_ms,"
                    + " created_at) select null, (select id from users where username = 'admin'),"
                    + " (array['SUCCESS','SUCCESS','SUCCESS','FAILURE','TIMEOUT','CANCELLED'])[1 + n % 6], 'SCHEDULE',"
                    + " now() - (n % 1209600) * interval '1 second', now() - (n % 1209600) * interval '1 second'"
                    + " + interval '2 seconds', 2000, now() - (n % 1209600) * interval '1 second'"
                    + " from generate_series(1, " + count + ") n");
            System.out.printf(Locale.ROOT, "inserted in %.0f s (the daily aggregates kept by the trigger)%n",
                    (System.nanoTime() - t0) / 1e9);
            // what autovacuum does after a bulk change; the aggregates table holds a row version per upsert until then
            s.execute("vacuum analyze logs");
            s.execute("vacuum analyze daily_run_stats");
            String aggregate = "select day, status, sum(runs), sum(timed_runs), sum(duration_ms) from daily_run_stats"
                    + " where day >= current_date - 13 group by day, status";
            String scan = "select (finished_at at time zone 'UTC')::date, status, count(*), count(duration_ms),"
                    + " sum(duration_ms) from logs where finished_at >= current_date - 13 group by 1, 2";
            double fromAggregates = medianMillis(c, aggregate, 9);
            double fromLogs = medianMillis(c, scan, 3);
            System.out.printf(Locale.ROOT, "dashboard figures, 14 days: %.1f ms from the aggregates vs %.0f ms scanning"
                    + " the logs (%.0fx)%n", fromAggregates, fromLogs, fromLogs / fromAggregates);
        }
        List<Double> firstPage = new ArrayList<>();
        List<Double> filtered = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            firstPage.add(timedGet(server, "/logs?limit=50"));
            filtered.add(timedGet(server, "/logs?limit=50&status=FAILURE"));
        }
        System.out.printf(Locale.ROOT, "GET /api/v1/logs?limit=50: median %.1f ms; with status=FAILURE: %.1f ms%n",
                StartupBench.median(firstPage), StartupBench.median(filtered));
    }

    static double medianMillis(Connection c, String sql, int runs) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try (var s = c.createStatement(); var rows = s.executeQuery(sql)) {
                while (rows.next()) {
                    rows.getLong(3);
                }
            }
            times.add((System.nanoTime() - t0) / 1e6);
        }
        return StartupBench.median(times);
    }

    static double timedGet(BenchServer server, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.apiBase() + path))
                .header("Authorization", "Bearer " + server.token()).build();
        long t0 = System.nanoTime();
        var reply = server.http().send(request, HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + reply.statusCode());
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    // ---- 3. line latency, print -> SSE client ----

    static void lineLatency(BenchServer server, int lines) throws Exception {
        System.out.printf(Locale.ROOT, "%n3. live line latency, %d lines printed every 20 ms, print -> SSE client%n", lines);
        long event = server.createEvent("{\"name\":\"ticker\",\"type\":\"BASH\",\"content\":\"sleep 1; for i in $(seq 1 "
                + lines + "); do date +%s%N; sleep 0.02; done\"}");
        var reply = server.post("/events/" + event + "/run", "{}", server.token());
        long logId;
        try (var reader = Json.createReader(new StringReader(reply.body()))) {
            logId = reader.readObject().getJsonNumber("logId").longValue();
        }
        var request = HttpRequest.newBuilder(URI.create(server.apiBase() + "/logs/" + logId + "/stream"))
                .header("Authorization", "Bearer " + server.token()).header("Accept", "text/event-stream").build();
        List<Double> latencies = new ArrayList<>();
        try (Stream<String> stream = server.http().send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
            stream.filter(l -> l.startsWith("data:") && l.contains("\"lines\"")).forEach(l -> {
                Instant now = Instant.now();
                double received = now.getEpochSecond() * 1e9 + now.getNano();
                try (var reader = Json.createReader(new StringReader(l.substring(5).trim()))) {
                    var data = reader.readObject();
                    if (!data.getString("stream").equals("STDOUT")) {
                        return;
                    }
                    data.getJsonArray("lines").getValuesAs(jakarta.json.JsonString.class)
                            .forEach(line -> latencies.add((received - Double.parseDouble(line.getString())) / 1e6));
                }
            });
        }
        latencies.sort(null);
        System.out.printf(Locale.ROOT, "n=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 250 ms)%n",
                latencies.size(), SchedulingBench.pct(latencies, 50), SchedulingBench.pct(latencies, 95),
                SchedulingBench.pct(latencies, 99), latencies.get(latencies.size() - 1));
    }
}
