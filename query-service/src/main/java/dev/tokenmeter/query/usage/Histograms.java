package dev.tokenmeter.query.usage;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads latency histograms as PostgreSQL prints jsonb {@code {bucket: count}} objects
 * ({@code {"12": 3, "40": 1}}), any number of them concatenated, and adds their counts.
 */
final class Histograms {

    /** Buckets 0..176 of {@code LatencyHistogram}; a larger bucket grows the array. */
    static final int BUCKETS = 177;

    private Histograms() {
    }

    /** Adds every (bucket, count) pair of {@code text} to {@code into}. */
    static void addAll(String text, Map<Integer, Long> into) {
        toMap(addAll(text, new long[BUCKETS])).forEach((bucket, n) -> into.merge(bucket, n, Long::sum));
    }

    /**
     * Adds every (bucket, count) pair of {@code text} to {@code counts} (indexed by bucket) and answers
     * the array, grown when a bucket is beyond it. Buckets and counts are non-negative integers, so
     * the numbers of the text alternate bucket, count. Counting into an array, not a map, spares
     * boxing every pair of a wide question's thousands of rollup rows.
     */
    static long[] addAll(String text, long[] counts) {
        // One copy, then a plain array loop: the driver may hand over the text as a UTF-16 string,
        // whose charAt checks its bounds on every call.
        char[] chars = text.toCharArray();
        int i = 0;
        int n = chars.length;
        long bucket = -1;
        while (i < n) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            long value = 0;
            while (i < n && (c = chars[i]) >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                i++;
            }
            if (bucket < 0) {
                bucket = value;
            } else {
                if (bucket >= counts.length) {
                    counts = Arrays.copyOf(counts, Math.toIntExact(bucket + 1));
                }
                counts[(int) bucket] += value;
                bucket = -1;
            }
        }
        if (bucket >= 0) {
            throw new IllegalArgumentException("a latency histogram ends with a bucket without its count");
        }
        return counts;
    }

    /** The non-zero counts as bucket → count. */
    static Map<Integer, Long> toMap(long[] counts) {
        Map<Integer, Long> map = new HashMap<>();
        for (int bucket = 0; bucket < counts.length; bucket++) {
            if (counts[bucket] != 0) {
                map.put(bucket, counts[bucket]);
            }
        }
        return map;
    }
}
