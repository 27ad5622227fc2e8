package io.cronium.execution.ssh;

import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * The tunnel of each pooled session to the helper API: a remote port forward on the server's loopback, opened once
 * per session, through which scripts there reach the API.
 *
 * <p>JSch answers a forward request by interrupting the thread that asked, and can do so after that thread has
 * already seen the answer and moved on: the stray interrupt then breaks its next wait (opening the run's channel
 * failed with "channel is not opened."). So forwards are asked for on a thread of their own, which a stray interrupt
 * cannot harm: at worst it wakes the next request's wait, which then looks at its answer again.
 */
final class HelperTunnels implements AutoCloseable {

    private final int apiPort;
    private final ExecutorService requester;
    private final Map<Session, Integer> ports = Collections.synchronizedMap(new WeakHashMap<>());

    HelperTunnels(int apiPort, ThreadFactory threads) {
        this.apiPort = apiPort;
        this.requester = Executors.newSingleThreadExecutor(threads);
    }

    /** The helper API's address as scripts on this session's server see it, or null when no tunnel can be opened. */
    String address(Session session) throws InterruptedException {
        Integer port = ports.get(session);
        if (port == null) {
            port = open(session);
            ports.put(session, port);
        }
        return port > 0 ? "http://127.0.0.1:" + port : null;
    }

    private int open(Session session) throws InterruptedException {
        try {
            return requester.submit(() -> {
                try {
                    return session.setPortForwardingR("127.0.0.1:0:127.0.0.1:" + apiPort);
                } catch (JSchException e) {
                    return -1; // the server forbids forwarding, say: the helpers work from their files
                }
            }).get();
        } catch (ExecutionException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        requester.shutdownNow();
    }
}
