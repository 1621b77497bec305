package dev.tokenmeter.deploy.demo;

import dev.tokenmeter.deploy.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The demo traffic of the local stack, tenant {@code demo}: on the first start of a data directory,
 * 30 days of history; then live events at a steady rate until {@link #close()}.
 */
public final class Demo implements AutoCloseable {

    /**
     * @param stateDir       where the demo remembers its history ({@code <data-dir>/demo})
     * @param backfillEvents events in the history (used on first start only)
     * @param ratePerSecond  live events per second; 0 for none
     * @param seed           makes the history reproducible
     */
    public record Settings(String bootstrap, String topic, String consumerGroup, Path stateDir,
            int backfillEvents, int ratePerSecond, long seed) {
    }

    private final Settings settings;
    private final EventPublisher publisher;
    private final IngestProgress progress;
    private @Nullable LiveTraffic live;
    private volatile boolean closed;

    public Demo(Settings settings) {
        this.settings = settings;
        this.progress = new IngestProgress(settings.bootstrap(), settings.topic(), settings.consumerGroup());
        try {
            this.publisher = new EventPublisher(settings.bootstrap(), settings.topic());
        } catch (RuntimeException e) {
            progress.close();
            throw e;
        }
    }

    /** Publishes the history when this data directory has none, then starts the live stream and returns. */
    public void start() throws InterruptedException {
        try {
            backfillIfNeeded();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the demo state in " + settings.stateDir(), e);
        } catch (RuntimeException e) {
            if (closed) {
                return; // Ctrl-C during the backfill closed the producer under it
            }
            throw e;
        }
        if (settings.ratePerSecond() > 0 && !closed) {
            Instant now = Instant.now();
            LiveTraffic traffic = new LiveTraffic(new EventGenerator(settings.seed() ^ now.toEpochMilli()), publisher, progress,
                    settings.ratePerSecond(), Long.toString(now.toEpochMilli(), 36));
            live = traffic;
            traffic.start();
            Console.line("Live demo traffic: " + settings.ratePerSecond() + " events/s to topic " + settings.topic()
                    + " (tenant " + EventGenerator.TENANT + ")");
        }
    }

    private void backfillIfNeeded() throws IOException, InterruptedException {
        BackfillState state = BackfillState.load(settings.stateDir());
        if (state != null && state.published()) {
            Console.line("Demo history already published (" + Console.count(state.events()) + " events up to "
                    + state.anchor().truncatedTo(ChronoUnit.SECONDS) + "); not publishing it again");
            return;
        }
        if (state == null) {
            if (settings.backfillEvents() == 0) {
                return;
            }
            state = new BackfillState(Instant.now().truncatedTo(ChronoUnit.SECONDS), settings.backfillEvents(), settings.seed(), false);
            state.save(settings.stateDir());
        } else {
            Console.line("Resuming the demo history cut short earlier (same events: the ingest service counts each once)");
        }
        Backfill backfill = new Backfill(new BackfillPlan(state.anchor(), state.events(), state.seed()),
                new EventGenerator(state.seed()), publisher, progress);
        backfill.run();
        state.asPublished().save(settings.stateDir());
        backfill.awaitStored();
    }

    /** Stops the live stream and the producer (waiting up to 5 s for events in flight). */
    @Override
    public void close() {
        closed = true;
        LiveTraffic traffic = live;
        if (traffic != null) {
            traffic.close();
        }
        publisher.close();
        progress.close();
    }
}
