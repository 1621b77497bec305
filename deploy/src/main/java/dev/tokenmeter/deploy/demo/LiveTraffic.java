package dev.tokenmeter.deploy.demo;

import dev.tokenmeter.process.DaemonThreads;
import dev.tokenmeter.deploy.Console;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A steady stream of events at a fixed rate, timed now, with a status line (redrawn every second on
 * a terminal, printed every minute elsewhere).
 */
final class LiveTraffic implements AutoCloseable {

    private static final long TICK_MILLIS = 50;

    private final EventGenerator generator;
    private final EventPublisher publisher;
    private final IngestProgress progress;
    private final int ratePerSecond;
    private final String idPrefix;
    private final ScheduledExecutorService scheduler = DaemonThreads.scheduler("demo-live");
    private long started;
    private long sent;
    private long lastStatus;

    /** @param runId distinguishes this run's event ids from earlier runs' */
    LiveTraffic(EventGenerator generator, EventPublisher publisher, IngestProgress progress, int ratePerSecond, String runId) {
        this.generator = generator;
        this.publisher = publisher;
        this.progress = progress;
        this.ratePerSecond = ratePerSecond;
        this.idPrefix = "demo-live-" + runId + "-";
    }

    void start() {
        started = System.nanoTime();
        lastStatus = started;
        scheduler.scheduleAtFixedRate(this::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            long now = System.nanoTime();
            long due = (long) (ratePerSecond * ((now - started) / 1e9));
            while (sent < due) {
                publisher.publish(generator.next(idPrefix + sent, Instant.now()));
                sent++;
            }
            if (now - lastStatus >= (Console.terminal() ? Duration.ofSeconds(1) : Duration.ofMinutes(1)).toNanos()) {
                lastStatus = now;
                status();
            }
        } catch (RuntimeException e) {
            // Keep the schedule alive (an exception would cancel it); the broker may be briefly away.
            Console.error("Demo traffic: " + e.getMessage());
        }
    }

    private void status() {
        String lag;
        try {
            lag = Console.count(progress.offsets().lag());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalStateException e) {
            lag = "?";
        }
        Exception failure = publisher.failure();
        Console.progress(String.format(Locale.ROOT, "Live demo traffic: %s events sent (%d/s) · not yet stored: %s%s",
                Console.count(sent), ratePerSecond, lag,
                failure == null ? "" : " · send failed: " + failure.getMessage()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
