package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.bench.report.PromText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the ingest service's batches spent their time, from its {@code ingest.batch.step} timers (sum and count per
 * step): the mean milliseconds per batch of each step, and how many batches ran it.
 *
 * @param perBatchMs the step's total time divided by the batches written, by step, in pipeline order
 * @param runs       how many times each step ran
 */
record StepTimes(Map<String, Double> perBatchMs, Map<String, Long> runs) {

    /** The pipeline's order; a step the service names that is not here is appended. */
    private static final List<String> ORDER = List.of("prepare", "wait-for-writer", "writer-idle", "dead-letter", "partitions",
            "begin", "lock", "claim", "aggregate", "copy", "rollups", "units", "conflicts", "commit", "wait-for-earlier",
            "wait-for-offset-commit",
            "offset-commit");
    /** The steps one writer runs one after another for a batch: with one writer they and its idle time fill the ingest time. */
    private static final List<String> WRITER = List.of("dead-letter", "partitions", "begin", "lock", "claim", "aggregate", "copy",
            "rollups", "units", "conflicts", "commit");
    private static final String NAME = "ingest_batch_step_seconds";

    static StepTimes of(@Nullable PromText scrape, long batches) {
        Map<String, Double> perBatch = new LinkedHashMap<>();
        Map<String, Long> runs = new LinkedHashMap<>();
        if (scrape == null || batches == 0) {
            return new StepTimes(perBatch, runs);
        }
        List<String> steps = new ArrayList<>(ORDER);
        for (PromText.Sample sample : scrape.samples()) {
            String step = sample.labels().get("step");
            if (sample.name().equals(NAME + "_count") && step != null && !steps.contains(step)) {
                steps.add(step);
            }
        }
        for (String step : steps) {
            long count = (long) scrape.sum(NAME + "_count", Map.of("step", step));
            if (count > 0) {
                perBatch.put(step, scrape.sum(NAME + "_sum", Map.of("step", step)) * 1000 / batches);
                runs.put(step, count);
            }
        }
        return new StepTimes(perBatch, runs);
    }

    /** The writer's own steps per batch, in ms. */
    double writerMs() {
        return WRITER.stream().mapToDouble(step -> perBatchMs.getOrDefault(step, 0.0)).sum();
    }

    String describe(double msBetweenCommits) {
        if (perBatchMs.isEmpty()) {
            return "Steps of a batch: the service reported no ingest_batch_step timers.";
        }
        StringBuilder text = new StringBuilder("Where a batch's time went (`ingest.batch.step`, mean ms per batch written; "
                + "steps that not every batch runs are averaged over all batches): ");
        List<String> parts = new ArrayList<>();
        perBatchMs.forEach((step, ms) -> parts.add(String.format(Locale.ROOT, "%s %.1f (%d runs)", step, ms, runs.get(step))));
        text.append(String.join(", ", parts));
        text.append(String.format(Locale.ROOT, ". The writer's own steps (dead-letter … commit) add up to %.1f ms per batch, "
                + "writer-idle %.1f ms, of %.1f ms of ingest time per batch (first → last commit ÷ batches).",
                writerMs(), perBatchMs.getOrDefault("writer-idle", 0.0), msBetweenCommits));
        return text.toString();
    }
}
