package dev.tokenmeter.deploy;

import dev.tokenmeter.process.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A child process of the launcher (the broker, a service), its output appended to its own log file.
 *
 * <p>Children ignore SIGINT: Ctrl-C in a terminal signals the whole foreground process group at
 * once, and the launcher must stop them one by one, in order, with SIGTERM (which they handle with
 * a graceful shutdown). Their pid is kept in {@code <data-dir>/run/} so that a later start can stop
 * children an abruptly killed launcher left behind.
 */
public final class ChildProcess implements Components.Part {

    /** Probes whether the process is ready; any exception counts as "not yet". */
    interface Probe {
        boolean ready() throws Exception;
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final Duration stopTimeout;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path log, Path pidFile, Duration stopTimeout) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.stopTimeout = stopTimeout;
    }

    static ChildProcess spawn(String name, List<String> command, Map<String, String> env, Path log, Path pidFile,
            Duration stopTimeout) throws StartupException {
        List<String> ignoringSigint = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT; exec \"$@\"", "sh"));
        ignoringSigint.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(ignoringSigint)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            Process process = builder.start();
            Files.writeString(pidFile, process.pid() + "\n");
            return new ChildProcess(name, process, log, pidFile, stopTimeout);
        } catch (IOException e) {
            throw new StartupException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the probe answers true; fails at once, with the end of the log, if the process exits. */
    void awaitReady(Probe probe, Duration timeout) throws StartupException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StartupException(name + " exited during start-up (exit code " + process.exitValue() + ").\n"
                        + tail() + "\nFix the cause shown above and start again; --fresh starts over with empty data.");
            }
            if (ready(probe)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StartupException(name + " was not ready after " + timeout.toSeconds() + " s.\n" + tail()
                        + "\nThe machine may be overloaded; try again, or look at the whole log.");
            }
            pause(Duration.ofMillis(250));
        }
    }

    private static boolean ready(Probe probe) {
        try {
            return probe.ready();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Calls {@code handler} if the process ends by itself, not because {@link #stop()} asked it to. */
    public void onUnexpectedExit(Consumer<ChildProcess> handler) {
        process.onExit().thenRun(() -> {
            if (!stopping) {
                handler.accept(this);
            }
        });
    }

    /** Sends SIGTERM and waits for a graceful exit; kills the process if it takes longer than the timeout. */
    @Override
    public void stop() {
        stopping = true;
        if (process.isAlive()) {
            long start = System.nanoTime();
            Console.line("Stopping " + name + " ...");
            if (Processes.stop(process, stopTimeout) != Processes.Stopped.GRACEFULLY) {
                Console.line(name + " did not stop within " + stopTimeout.toSeconds() + " s: it was killed.");
            }
            Console.line(name + " stopped (" + Console.seconds(Duration.ofNanos(System.nanoTime() - start)) + ")");
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is checked against the command line on the next start
        }
    }

    /** Waits for the process to end by itself and answers its exit code. */
    int waitForExit(Duration timeout) throws StartupException {
        try {
            if (Processes.awaitOrKill(process, timeout)) {
                return process.exitValue();
            }
            throw new StartupException(Thread.currentThread().isInterrupted()
                    ? "Interrupted while waiting for " + name + "."
                    : name + " did not finish within " + timeout.toSeconds() + " s.\n" + tail());
        } finally {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // see stop()
            }
        }
    }

    /** The process id (the shell wrapper execs the command, so this is the command's own pid). */
    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last lines of the log, indented, with its path: what the person needs to see first. */
    public String tail() {
        return LogTail.of(log, 20);
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
