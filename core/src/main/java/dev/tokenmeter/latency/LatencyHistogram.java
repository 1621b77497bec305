package dev.tokenmeter.latency;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The fixed log-scale latency buckets stored in the rollups. Bucket 0 holds 0 ms; bucket
 * {@code i ≥ 1} holds latencies in {@code [γ^(i-1), γ^i)} ms with {@code γ = 1.09}, so 177
 * buckets cover the contract's 0–3 600 000 ms. Histograms of the same buckets merge by adding
 * counts, which lets any range's percentile be answered from rollups; reporting a bucket's
 * geometric midpoint is within √γ − 1 ≈ 4.4 % of the true value.
 */
public final class LatencyHistogram {

    public static final double GROWTH = 1.09;

    private LatencyHistogram() {
    }

    /**
     * Integer lower bounds of buckets 1..176 ({@code ceil(γ^(i-1))}): latencies are whole
     * milliseconds, so these decide every bucket, here and in SQL ({@code latency_bucket()} of
     * migration V5 holds the same array).
     */
    private static final int[] LOWER = lowerBounds();

    private static int[] lowerBounds() {
        int[] lower = new int[176];
        for (int i = 0; i < lower.length; i++) {
            lower[i] = (int) Math.ceil(Math.pow(GROWTH, i));
        }
        return lower;
    }

    /** The bucket of a latency in milliseconds: how many lower bounds it reaches. */
    public static int bucket(int latencyMs) {
        int low = 0;
        int high = LOWER.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (LOWER[mid] <= latencyMs) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The integer lower bounds as a SQL array literal, for checking the migration against this class. */
    public static String lowerBoundsSql() {
        return java.util.Arrays.toString(LOWER).replace(" ", "").replace('[', '{').replace(']', '}');
    }

    /** Inclusive lower bound of a bucket, in milliseconds. */
    public static double lowerBound(int bucket) {
        return bucket == 0 ? 0 : Math.pow(GROWTH, bucket - 1);
    }

    /** The value reported for a bucket: its geometric midpoint. */
    public static double representative(int bucket) {
        return bucket == 0 ? 0 : Math.pow(GROWTH, bucket - 0.5);
    }

    /**
     * The {@code q}-quantile (0 &lt; q ≤ 1, nearest-rank) of a histogram given as bucket → count,
     * or null for an empty histogram.
     */
    public static @Nullable Double quantile(Map<Integer, Long> counts, double q) {
        SortedMap<Integer, Long> sorted = new TreeMap<>(counts);
        long total = sorted.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (Map.Entry<Integer, Long> entry : sorted.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return representative(entry.getKey());
            }
        }
        return representative(sorted.lastKey());
    }
}
