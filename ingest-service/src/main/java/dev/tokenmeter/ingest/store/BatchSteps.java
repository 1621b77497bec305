package dev.tokenmeter.ingest.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
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

    /** The steps of a batch, in the order they run; the tag value is the lower-case name. */
    public enum Step {
        /** Validating and pricing the batch's records, on a worker, ahead of the writer. */
        PREPARE("prepare"),
        /** A prepared batch waiting for the writer (the writer busy with earlier batches). */
        WAIT_FOR_WRITER("wait-for-writer"),
        /** The writer with nothing to write: from the end of one write to the start of the next. */
        WRITER_IDLE("writer-idle"),
        /** Sending the invalid records to the dead-letter topic. */
        DEAD_LETTER("dead-letter"),
        /** Creating the partitions the batch's event times need (a cache hit almost always). */
        PARTITIONS("partitions"),
        /** Taking a connection from the pool and {@code BEGIN}. */
        BEGIN("begin"),
        /** The tenants' shared rollup locks. */
        LOCK("lock"),
        /** The key claim statement. */
        CLAIM("claim"),
        /** In the service: new events picked out, their COPY body and rollup deltas built. */
        AGGREGATE("aggregate"),
        /** {@code COPY usage_event}. */
        COPY("copy"),
        /** The rollup merge statement. */
        ROLLUPS("rollups"),
        /** The units rollup statement, for batches whose events carry units. */
        UNITS("units"),
        /** Recording conflicting duplicates, for batches that have any. */
        CONFLICTS("conflicts"),
        /** {@code COMMIT}, with its WAL flush. */
        COMMIT("commit"),
        /**
         * With several writers: a batch holding keys of an earlier batch in flight, after storing its other events,
         * waiting for that batch to finish before it stores those (see the pipeline's in-flight keys).
         */
        WAIT_FOR_EARLIER("wait-for-earlier"),
        /** A written batch waiting for the batches before it to commit their offsets. */
        WAIT_FOR_OFFSET_COMMIT("wait-for-offset-commit"),
        /** Committing the batch's Kafka offsets. */
        OFFSET_COMMIT("offset-commit");

        private final String tag;

        Step(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
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
