package dev.tokenmeter.bench;

import dev.tokenmeter.process.DaemonThreads;

/**
 * A daemon thread that runs a task now and every {@code intervalMillis} after, until closed: the bench's
 * samplers (heap, committed offsets) follow the stack this way. A task that fails is run again at the next
 * tick (the stack may not answer yet); an interrupt ends the thread.
 */
public final class Poller implements AutoCloseable {

    /** What is run at each tick. */
    public interface Task {
        void run() throws Exception;
    }

    private final Thread thread;
    private volatile boolean running = true;

    public Poller(String name, long intervalMillis, Task task) {
        this.thread = DaemonThreads.start(name, () -> loop(intervalMillis, task));
    }

    private void loop(long intervalMillis, Task task) {
        while (running) {
            try {
                task.run();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // not there yet, or slow to answer: the next tick tries again
            }
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
