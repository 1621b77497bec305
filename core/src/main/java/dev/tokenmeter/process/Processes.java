package dev.tokenmeter.process;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Stops a process the way every part of Tokenmeter does: gracefully first (SIGTERM, so shutdown
 * hooks run), forcibly (SIGKILL) when it has not ended within the grace period; and a command that
 * outlives its time limit, with all it started ({@link #awaitOrKill}).
 */
public final class Processes {

    /** How long a killed process may take to be gone before the stop gives up waiting. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** How a {@link #stop} ended. */
    public enum Stopped {
        /** It had already ended: nothing was sent. */
        ALREADY_ENDED,
        /** It ended within the grace period after SIGTERM. */
        GRACEFULLY,
        /** It outlived the grace period (or the wait was interrupted) and was killed with SIGKILL. */
        KILLED,
        /** Even SIGKILL did not end it within {@link #KILL_WAIT} (say a process in uninterruptible sleep). */
        STILL_RUNNING
    }

    private Processes() {
    }

    /**
     * {@link #stop(ProcessHandle, Duration)} for a child process, waiting on the {@link Process} itself: its
     * {@link Process#isAlive()} is false once the stop answers (its handle's exit can be seen a moment before).
     */
    public static Stopped stop(Process process, Duration grace) {
        return stop(process.toHandle(), process::onExit, grace);
    }

    /**
     * Sends SIGTERM, waits up to {@code grace} for the process to end, then sends SIGKILL and waits up
     * to 10 s more. An interrupt while waiting kills at once and keeps the thread's interrupt status.
     */
    public static Stopped stop(ProcessHandle process, Duration grace) {
        return stop(process, process::onExit, grace);
    }

    private static Stopped stop(ProcessHandle process, Supplier<CompletableFuture<?>> exit, Duration grace) {
        if (!process.isAlive()) {
            return Stopped.ALREADY_ENDED;
        }
        process.destroy();
        if (await(exit.get(), grace)) {
            return Stopped.GRACEFULLY;
        }
        process.destroyForcibly();
        return await(exit.get(), KILL_WAIT) || !process.isAlive() ? Stopped.KILLED : Stopped.STILL_RUNNING;
    }

    /** Kills at once (SIGKILL) and waits up to {@code timeout} for the process to be gone; answers whether it is. */
    public static boolean kill(ProcessHandle process, Duration timeout) {
        process.destroyForcibly();
        return await(process, timeout) || !process.isAlive();
    }

    /**
     * Waits up to {@code timeout} for a command to end; when it has not (or the wait is interrupted, whose status is
     * kept), kills it and every process it started (SIGKILL) and answers false.
     */
    public static boolean awaitOrKill(Process process, Duration timeout) {
        if (await(process.onExit(), timeout)) {
            return true;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        await(process.onExit(), KILL_WAIT);
        return false;
    }

    /** Waits up to {@code timeout} for the process to end; answers false on timeout or interrupt. */
    public static boolean await(ProcessHandle process, Duration timeout) {
        return await(process.onExit(), timeout);
    }

    private static boolean await(CompletableFuture<?> exit, Duration timeout) {
        try {
            exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }
}
