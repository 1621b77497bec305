package dev.tokenmeter.deploy.demo;

import dev.tokenmeter.deploy.Console;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * Publishes the 30-day history and waits until the ingest service has stored it, redrawing one
 * progress line: stored share, events per second, time left.
 */
final class Backfill {

    private static final long REDRAW_NANOS = Duration.ofMillis(250).toNanos();
    private static final long PRINT_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long RATE_WINDOW_NANOS = Duration.ofSeconds(8).toNanos();

    private final BackfillPlan plan;
    private final EventGenerator generator;
    private final EventPublisher publisher;
    private final IngestProgress progress;
    private long started;
    private long storedBefore;
    private long lastReport;
    private final ArrayDeque<Sample> recent = new ArrayDeque<>();

    /** Events stored at a {@link System#nanoTime()}: the recent ones give the current rate. */
    private record Sample(long nanos, long stored) {
    }

    Backfill(BackfillPlan plan, EventGenerator generator, EventPublisher publisher, IngestProgress progress) {
        this.plan = plan;
        this.generator = generator;
        this.publisher = publisher;
        this.progress = progress;
    }

    /** Answers once every event is acknowledged by the broker and stored by the ingest service. */
    void run() throws InterruptedException {
        started = System.nanoTime();
        storedBefore = progress.offsets().stored();
        recent.addLast(new Sample(started, 0));
        int[] sequence = {0};
        plan.forEach(time -> {
            publisher.publish(generator.next(String.format(Locale.ROOT, "demo-bf-%07d", sequence[0]++), time));
            if ((sequence[0] & 1023) == 0) {
                report();
            }
        });
        publisher.flush();
        Exception failure = publisher.failure();
        if (failure != null) {
            throw new IllegalStateException("Kafka did not accept the demo history: " + failure.getMessage(), failure);
        }
    }

    /** Waits until the ingest service has caught up with the topic. */
    void awaitStored() throws InterruptedException {
        while (progress.offsets().lag() > 0) {
            report();
            Thread.sleep(200);
        }
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000);
        Console.line(String.format(Locale.ROOT, "Demo history: %s events over 30 days stored in %s (%s events/s)",
                Console.count(plan.events()), Console.seconds(Duration.ofNanos(System.nanoTime() - started)),
                Console.count(plan.events() * 1000L / seconds)));
    }

    private void report() {
        long now = System.nanoTime();
        if (now - lastReport < (Console.terminal() ? REDRAW_NANOS : PRINT_NANOS)) {
            return;
        }
        lastReport = now;
        try {
            long stored = Math.min(plan.events(), Math.max(0, progress.offsets().stored() - storedBefore));
            recent.addLast(new Sample(now, stored));
            while (recent.size() > 2 && now - recent.getFirst().nanos() > RATE_WINDOW_NANOS) {
                recent.removeFirst();
            }
            Console.progress(line(stored, publisher.acknowledged(), now));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the broker is slow to answer: skip this redraw
        }
    }

    /** Rate over the last few seconds: the ingest service speeds up as it warms up, so the average since the start lags. */
    private String line(long stored, long sent, long now) {
        int total = plan.events();
        Sample oldest = recent.getFirst();
        double seconds = Math.max(0.001, (now - oldest.nanos()) / 1e9);
        double rate = (stored - oldest.stored()) / seconds;
        String eta = rate < 1 ? "--" : Console.eta(Duration.ofMillis((long) ((total - stored) / rate * 1000)));
        return String.format(Locale.ROOT, "Demo history %3d%%  %s of %s events stored · %s sent · %s events/s · ETA %s",
                total == 0 ? 100 : stored * 100 / total, Console.count(stored), Console.count(total), Console.count(sent),
                Console.count(Math.round(rate)), eta);
    }
}
