package io.cronium.execution.ssh;

import com.jcraft.jsch.Session;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Open SSH sessions kept per server between runs: a run borrows one (checked alive with a keep-alive first),
 * gives it back when done; sessions idle longer than the idle timeout are closed; at most {@code maxPerServer}
 * sessions exist per server, further runs wait for one.
 */
public final class SshSessionPool {

    /**
     * A borrowed session; give it back with {@link #release}. {@code hostKey} is the key a new connection was
     * opened with (null for a reused session), so that a first key can be pinned.
     */
    public record Lease(Object key, Session session, boolean reused, String hostKey) {
    }

    private record Idle(Session session, long since) {
    }

    private final SshConnector connector;
    private final int maxPerServer;
    private final long idleNanos;
    private final Map<Object, Deque<Idle>> idle = new ConcurrentHashMap<>();
    private final Map<Object, Semaphore> permits = new ConcurrentHashMap<>();
    private final Map<Object, ServerCircuit> circuits = new ConcurrentHashMap<>();
    private final int circuitThreshold;
    private final Duration circuitOpenFor;

    public SshSessionPool(SshConnector connector, int maxPerServer, Duration idleTimeout) {
        this(connector, maxPerServer, idleTimeout, 3, Duration.ofSeconds(30));
    }

    /**
     * @param circuitThreshold failures to reach a server in a row after which its runs fail at once
     * @param circuitOpenFor   how long they do, before one trial connection is let through
     */
    public SshSessionPool(SshConnector connector, int maxPerServer, Duration idleTimeout, int circuitThreshold,
                          Duration circuitOpenFor) {
        this.connector = connector;
        this.maxPerServer = maxPerServer;
        this.idleNanos = idleTimeout.toNanos();
        this.circuitThreshold = circuitThreshold;
        this.circuitOpenFor = circuitOpenFor;
    }

    /**
     * A live session to the target, reused when one is idle. {@code key} names the server (and changes when its
     * address or credentials do, so an edited server never gets an old session).
     *
     * @return the lease and, through {@link SshConnector.Connection}, the host key seen when it was opened
     */
    public Lease borrow(Object key, SshTarget target, Duration wait) throws SshFailure, InterruptedException {
        evictIdle();
        Semaphore slots = permits.computeIfAbsent(key, k -> new Semaphore(maxPerServer));
        if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new SshFailure(SshPhase.TCP_CONNECT, "all " + maxPerServer + " sessions to " + target
                    + " are busy");
        }
        try {
            Deque<Idle> sessions = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            while (true) {
                Idle candidate;
                synchronized (sessions) {
                    candidate = sessions.pollFirst();
                }
                if (candidate == null) {
                    break;
                }
                if (alive(candidate.session())) {
                    return new Lease(key, candidate.session(), true, null);
                }
                candidate.session().disconnect();
            }
            var connection = connectThroughCircuit(key, target);
            return new Lease(key, connection.session(), false, connection.hostKey());
        } catch (SshFailure | RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    private SshConnector.Connection connectThroughCircuit(Object key, SshTarget target) throws SshFailure {
        ServerCircuit circuit = circuits.computeIfAbsent(key, k -> new ServerCircuit(circuitThreshold, circuitOpenFor,
                System::nanoTime));
        if (!circuit.allows()) {
            throw new SshFailure(SshPhase.TCP_CONNECT, target + " is unreachable (circuit open after "
                    + circuitThreshold + " failed attempts; last: " + circuit.lastFailure() + "); next try in "
                    + circuit.secondsUntilRetry() + " s");
        }
        try {
            var connection = connector.connect(target);
            circuit.succeeded();
            return connection;
        } catch (SshFailure e) {
            switch (e.phase()) {
                case DNS, TCP_CONNECT, HANDSHAKE -> circuit.failed(e.getMessage());
                default -> circuit.succeeded(); // the host answered: a login or host key problem is not an outage
            }
            throw e;
        }
    }

    /** The state of a server's circuit, for tests and the console. */
    public String circuitState(Object key) {
        ServerCircuit circuit = circuits.get(key);
        return circuit == null ? "CLOSED" : circuit.state().name();
    }

    /** Gives a session back; a broken one is closed instead of kept. */
    public void release(Lease lease, boolean healthy) {
        try {
            if (healthy && lease.session().isConnected()) {
                Deque<Idle> sessions = idle.computeIfAbsent(lease.key(), k -> new ArrayDeque<>());
                synchronized (sessions) {
                    sessions.addFirst(new Idle(lease.session(), System.nanoTime()));
                }
            } else {
                lease.session().disconnect();
            }
        } finally {
            permits.get(lease.key()).release();
        }
    }

    /** Closes every idle session (at shutdown). */
    public void close() {
        idle.values().forEach(sessions -> {
            synchronized (sessions) {
                sessions.forEach(i -> i.session().disconnect());
                sessions.clear();
            }
        });
    }

    /** How many sessions sit idle for {@code key}, for tests and metrics. */
    public int idleCount(Object key) {
        Deque<Idle> sessions = idle.get(key);
        return sessions == null ? 0 : sessions.size();
    }

    private void evictIdle() {
        long now = System.nanoTime();
        idle.values().forEach(sessions -> {
            synchronized (sessions) {
                sessions.removeIf(i -> {
                    boolean stale = now - i.since() > idleNanos;
                    if (stale) {
                        i.session().disconnect();
                    }
                    return stale;
                });
            }
        });
    }

    private static boolean alive(Session session) {
        if (!session.isConnected()) {
            return false;
        }
        try {
            session.sendKeepAliveMsg(); // fails at once on a connection the server or network dropped
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
