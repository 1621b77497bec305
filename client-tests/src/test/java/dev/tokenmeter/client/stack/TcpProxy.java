package dev.tokenmeter.client.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy in front of a broker, so a test can break the connections between Kafka clients
 * and a broker that keeps running: {@link #holdResponses()} lets requests through but keeps the
 * answers (the broker has written a batch, the client has no acknowledgement), and
 * {@link #cutAll()} closes every connection at once, as a network failure or a broker restart does.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private final AtomicLong heldResponseBytes = new AtomicLong();
    private volatile @Nullable InetSocketAddress target;
    private volatile boolean holding;

    public TcpProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Where connections go; until it is set, they are closed at once. */
    public void target(InetSocketAddress target) {
        this.target = target;
    }

    /** From now on, bytes from the broker are read but not passed on, until {@link #release()}. */
    public void holdResponses() {
        holding = true;
    }

    /** Bytes from the broker read and held since {@link #holdResponses()}. */
    public long heldResponseBytes() {
        return heldResponseBytes.get();
    }

    /** Closes every open connection; clients reconnect through the proxy afterwards. */
    public void cutAll() {
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Passes responses on again (held ones of cut connections are lost, as on a real network). */
    public void release() {
        synchronized (gate) {
            holding = false;
            heldResponseBytes.set(0);
            gate.notifyAll();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                InetSocketAddress to = target;
                if (to == null) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(to.getHostString(), to.getPort());
                sockets.add(client);
                sockets.add(upstream);
                threads.execute(() -> pump(client, upstream, false));
                threads.execute(() -> pump(upstream, client, true));
            } catch (IOException e) {
                // closed, or the broker refused: the client sees a dropped connection and retries
            }
        }
    }

    private void pump(Socket from, Socket to, boolean response) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (response) {
                    awaitRelease(read);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the connection was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitRelease(int bytes) throws InterruptedException {
        synchronized (gate) {
            if (holding) {
                heldResponseBytes.addAndGet(bytes);
            }
            while (holding) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        cutAll();
        release();
        threads.shutdownNow();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
