package dev.tokenmeter.query.usage;

import java.util.Map;

/**
 * Reads latency histograms as PostgreSQL prints jsonb {@code {bucket: count}} objects
 * ({@code {"12": 3, "40": 1}}), any number of them concatenated, and adds their counts.
 */
final class Histograms {

    private Histograms() {
    }

    /**
     * Adds every (bucket, count) pair of {@code text} to {@code into}. Buckets and counts are
     * non-negative integers, so the numbers of the text alternate bucket, count.
     */
    static void addAll(String text, Map<Integer, Long> into) {
        int i = 0;
        int n = text.length();
        long bucket = -1;
        while (i < n) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            long value = 0;
            while (i < n && (c = text.charAt(i)) >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                i++;
            }
            if (bucket < 0) {
                bucket = value;
            } else {
                into.merge((int) bucket, value, Long::sum);
                bucket = -1;
            }
        }
        if (bucket >= 0) {
            throw new IllegalArgumentException("a latency histogram ends with a bucket without its count");
        }
    }
}
