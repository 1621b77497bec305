package dev.tokenmeter.ingest.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Where a batch's time goes: one timer per step ({@code ingest.batch.step{step=...}}), sum and count
 * only (no histogram), so that the mean time per batch of each step can be read beside the batch
 * latency. Steps of one batch that follow each other are timed as laps of one {@link Laps}.
 */
@Component
public class BatchSteps {

    /** The steps of a batch, in the order they run. */
    public enum Step {
        /** Validating and pricing the batch's records, on a worker, ahead of the writer. */
        PREPARE,
        /** A prepared batch waiting for the writer (the writer busy with earlier batches). */
        WAIT_FOR_WRITER,
        /** The writer with nothing to write: from the end of one write to the start of the next. */
        WRITER_IDLE,
        /** Sending the invalid records to the dead-letter topic. */
        DEAD_LETTER,
        /** Creating the partitions the batch's event times need (a cache hit almost always). */
        PARTITIONS,
        /** Taking a connection from the pool and {@code BEGIN}. */
        BEGIN,
        /** The tenants' shared rollup locks. */
        LOCK,
        /** The key claim statement. */
        CLAIM,
        /** In the service: new events picked out, their COPY body and rollup deltas built. */
        AGGREGATE,
        /** {@code COPY usage_event}. */
        COPY,
        /** The rollup merge statement. */
        ROLLUPS,
        /** The units rollup statement, for batches whose events carry units. */
        UNITS,
        /** Recording conflicting duplicates, for batches that have any. */
        CONFLICTS,
        /** {@code COMMIT}, with its WAL flush. */
        COMMIT,
        /**
         * With several writers: a batch holding keys of an earlier batch in flight, after storing its other events,
         * waiting for that batch to finish before it stores those (see the pipeline's in-flight keys).
         */
        WAIT_FOR_EARLIER,
        /** A written batch waiting for the batches before it to commit their offsets. */
        WAIT_FOR_OFFSET_COMMIT,
        /** Committing the batch's Kafka offsets. */
        OFFSET_COMMIT;

        /** The tag value: the name in lower case, words joined by '-'. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Step, Timer> timers = new EnumMap<>(Step.class);

    public BatchSteps(MeterRegistry registry) {
        for (Step step : Step.values()) {
            timers.put(step, Timer.builder("ingest.batch.step")
                    .description("Time of one step of a batch (see BatchSteps.Step); sum ÷ batches is its share of a batch")
                    .tag("step", step.tag())
                    .register(registry));
        }
    }

    /** Records one step's time, in nanoseconds. */
    public void record(Step step, long nanos) {
        Objects.requireNonNull(timers.get(step), "a timer per step").record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** Times steps that follow each other, starting now. */
    public Laps laps() {
        return new Laps();
    }

    /** A stopwatch for steps that follow each other: each lap is the time since the previous one. */
    public final class Laps {

        private long mark = System.nanoTime();

        private Laps() {
        }

        /** Records the time since the previous lap (or the start) as {@code step}'s. */
        public synchronized void lap(Step step) {
            long now = System.nanoTime();
            record(step, now - mark);
            mark = now;
        }
    }
}
