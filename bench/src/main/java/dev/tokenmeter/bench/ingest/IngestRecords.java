package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.deploy.demo.BackfillPlan;
import dev.tokenmeter.deploy.demo.EventGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The records of the ingest part, in publish order: the demo generator's realistic events (eight
 * projects, 25 API keys, OpenAI/Anthropic/Google models, errors, caching, reasoning) over the last
 * 30 days or squeezed into a shorter span, with a share of them published a second time shortly after — a client's retry, byte for
 * byte the same record. Deterministic for a seed.
 *
 * @param ids    event id per record (the record key: ids spread the records over every partition)
 * @param values JSON value per record
 * @param unique how many distinct events there are
 */
public record IngestRecords(String[] ids, byte[][] values, int unique) {

    /** How far after the original a duplicate may come, in records. */
    private static final int DUPLICATE_REACH = 20_000;

    /**
     * The same events with their times squeezed into {@code span} before {@code anchor}, order and
     * shape kept: a span of records ÷ rate is the live stream of that rate, 30 days the demo history.
     */
    public static IngestRecords generate(int total, double duplicateShare, Instant anchor, Duration span, long seed) {
        double squeeze = span.toMillis() / (double) Duration.ofDays(30).toMillis();
        int duplicates = (int) Math.round(total * duplicateShare);
        int unique = total - duplicates;
        String[] uniqueIds = new String[unique];
        byte[][] uniqueValues = new byte[unique][];
        EventGenerator generator = new EventGenerator(seed);
        int[] n = {0};
        new BackfillPlan(anchor, unique, seed).forEach(time -> {
            String id = String.format(Locale.ROOT, "bench-%08d", n[0]);
            uniqueIds[n[0]] = id;
            Instant squeezed = anchor.minusMillis(Math.round((anchor.toEpochMilli() - time.toEpochMilli()) * squeeze));
            uniqueValues[n[0]] = generator.next(id, squeezed).toJson();
            n[0]++;
        });
        // Each record gets a position: the originals at i, a duplicate of i a little later.
        SplittableRandom random = new SplittableRandom(seed ^ 0xD0D0L);
        double[] position = new double[total];
        int[] source = new int[total];
        for (int i = 0; i < unique; i++) {
            position[i] = i;
            source[i] = i;
        }
        for (int d = 0; d < duplicates; d++) {
            int original = random.nextInt(unique);
            position[unique + d] = original + 0.5 + random.nextInt(DUPLICATE_REACH);
            source[unique + d] = original;
        }
        Integer[] order = new Integer[total];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(position[a], position[b]));
        String[] ids = new String[total];
        byte[][] values = new byte[total][];
        for (int i = 0; i < total; i++) {
            ids[i] = uniqueIds[source[order[i]]];
            values[i] = uniqueValues[source[order[i]]];
        }
        return new IngestRecords(ids, values, unique);
    }

    public int size() {
        return ids.length;
    }

    public long bytes() {
        long sum = 0;
        for (byte[] value : values) {
            sum += value.length;
        }
        return sum;
    }

    /** The first {@code n} records' values. */
    public List<byte[]> head(int n) {
        return new ArrayList<>(Arrays.asList(values).subList(0, Math.min(n, values.length)));
    }
}
