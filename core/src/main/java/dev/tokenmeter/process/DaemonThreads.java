package dev.tokenmeter.process;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Named daemon threads for background work of the launcher and the bench: none of them keeps the JVM alive. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A single-thread scheduler whose thread is a daemon named {@code name}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(task -> daemon(name, task));
    }

    /** Runs {@code task} on a new daemon thread named {@code name}, already started. */
    public static Thread start(String name, Runnable task) {
        Thread thread = daemon(name, task);
        thread.start();
        return thread;
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
