package dev.tokenmeter.deploy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The parts of the stack started so far, stopped in reverse order (demo, services, Kafka,
 * PostgreSQL). A part being started when the stop begins is waited for and then stopped too: the
 * lock is held from spawning a process until it is registered, never during a readiness wait.
 */
public final class Components {

    /** Something started that must be stopped; {@link #stop()} never throws. */
    public interface Part {
        void stop();
    }

    /** Starts a part; returns quickly (spawns a process, say) so a concurrent stop is not held up. */
    public interface Starter<T extends Part> {
        T start() throws StartupException;
    }

    private final Deque<Part> started = new ArrayDeque<>();
    private boolean stopping;

    /** Starts and registers a part, unless the stack is already stopping. */
    public synchronized <T extends Part> T start(Starter<T> starter) throws StartupException {
        if (stopping) {
            throw new StartupException("Stopping: not starting anything else.");
        }
        T part = starter.start();
        started.push(part);
        return part;
    }

    synchronized boolean stopping() {
        return stopping;
    }

    /** Stops every registered part, newest first, and answers whether there was any. Idempotent. */
    public boolean stopAll() {
        synchronized (this) {
            stopping = true;
        }
        boolean any = false;
        while (true) {
            Part next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                return any;
            }
            any = true;
            next.stop();
        }
    }
}
