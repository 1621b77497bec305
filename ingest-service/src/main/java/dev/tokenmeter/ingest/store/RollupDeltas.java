package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.latency.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a batch of new events adds to the six rollup tables, aggregated here rather than by a
 * {@code GROUP BY} in the batch statement: the database then only merges one row per rollup key,
 * which is what made the database, not this service, the bottleneck of ingest. The result is
 * column-wise, as {@link BatchSql#ROLLUPS} binds it, and equals what grouping the events in SQL gives
 * (the rollup tests compare every rollup with a {@code GROUP BY} of the raw events).
 */
final class RollupDeltas {

    /** Rollup levels, by bucket width in seconds: 15 minutes, an hour, a UTC day. */
    static final long[] LEVELS = {900, 3_600, 86_400};

    /** The per-dimension rollups' dimensions; '' is the totals row every event also counts in. */
    private static final String[] DIMS = {"", "provider", "model", "endpoint", "project", "api_key", "service_tier"};

    private record FullKey(int level, String tenant, long bucket, String provider, String model, String endpoint,
            String project, String apiKey, String status, String serviceTier) {
    }

    private record DimKey(int level, String tenant, String dim, long bucket, String value, String status) {
    }

    /** The sums of one rollup row. */
    private static final class Sums {
        long requests;
        long inputTokens;
        long cachedInputTokens;
        long cacheWriteTokens;
        long outputTokens;
        long reasoningTokens;
        BigDecimal costUsd = BigDecimal.ZERO;
        long unpricedRequests;
        long latencyCount;
        long latencySumMs;
        final TreeMap<Integer, Long> latencyHist = new TreeMap<>();
        Instant lastSeen = Instant.MIN;

        void add(PricedEvent item, @Nullable Integer latencyBucket) {
            UsageEvent e = item.event();
            requests++;
            inputTokens += e.usage().inputTokens();
            cachedInputTokens += e.usage().cachedInputTokens();
            cacheWriteTokens += e.usage().cacheWriteTokens();
            outputTokens += e.usage().outputTokens();
            reasoningTokens += e.usage().reasoningTokens();
            costUsd = costUsd.add(item.cost().usd());
            if (!item.cost().priced()) {
                unpricedRequests++;
            }
            if (e.latencyMs() != null) {
                latencyCount++;
                latencySumMs += e.latencyMs();
                latencyHist.merge(latencyBucket, 1L, Long::sum);
            }
            if (e.time().isAfter(lastSeen)) {
                lastSeen = e.time();
            }
        }

        void add(Sums other) {
            requests += other.requests;
            inputTokens += other.inputTokens;
            cachedInputTokens += other.cachedInputTokens;
            cacheWriteTokens += other.cacheWriteTokens;
            outputTokens += other.outputTokens;
            reasoningTokens += other.reasoningTokens;
            costUsd = costUsd.add(other.costUsd);
            unpricedRequests += other.unpricedRequests;
            latencyCount += other.latencyCount;
            latencySumMs += other.latencySumMs;
            other.latencyHist.forEach((bucket, count) -> latencyHist.merge(bucket, count, Long::sum));
            if (other.lastSeen.isAfter(lastSeen)) {
                lastSeen = other.lastSeen;
            }
        }

        /** The sparse {bucket: count} histogram, as the schema stores it. */
        String histJson() {
            StringBuilder json = new StringBuilder("{");
            latencyHist.forEach((bucket, count) -> {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(bucket).append("\":").append(count);
            });
            return json.append('}').toString();
        }
    }

    private final Map<FullKey, Sums> full = new HashMap<>();
    private final Map<DimKey, Sums> dims = new HashMap<>();

    /**
     * The deltas of {@code fresh}: events stored for the first time, each counted once. The events
     * are added up by full key per 15 minutes first; every other row is a sum of those (15-minute
     * UTC buckets nest in hours and days), which under live traffic are far fewer than the events.
     */
    static RollupDeltas of(List<PricedEvent> fresh) {
        Map<FullKey, Sums> quarters = new HashMap<>();
        for (PricedEvent item : fresh) {
            UsageEvent e = item.event();
            Integer latencyBucket = e.latencyMs() == null ? null : LatencyHistogram.bucket(e.latencyMs());
            long bucket = Math.floorDiv(e.time().getEpochSecond(), LEVELS[0]) * LEVELS[0];
            quarters.computeIfAbsent(new FullKey(0, e.tenant(), bucket, e.provider(), e.model() == null ? "" : e.model(), e.endpoint(),
                    e.project() == null ? "" : e.project(), e.apiKey() == null ? "" : e.apiKey(), e.status().code(),
                    e.serviceTier().code()),
                    key -> new Sums()).add(item, latencyBucket);
        }
        RollupDeltas deltas = new RollupDeltas();
        quarters.forEach(deltas::add);
        return deltas;
    }

    private void add(FullKey quarter, Sums sums) {
        String[] values = {"", quarter.provider(), quarter.model(), quarter.endpoint(), quarter.project(), quarter.apiKey(),
                quarter.serviceTier()};
        for (int level = 0; level < LEVELS.length; level++) {
            long bucket = Math.floorDiv(quarter.bucket(), LEVELS[level]) * LEVELS[level];
            full.computeIfAbsent(new FullKey(level, quarter.tenant(), bucket, quarter.provider(), quarter.model(), quarter.endpoint(),
                    quarter.project(), quarter.apiKey(), quarter.status(), quarter.serviceTier()), key -> new Sums()).add(sums);
            for (int d = 0; d < DIMS.length; d++) {
                dims.computeIfAbsent(new DimKey(level, quarter.tenant(), DIMS[d], bucket, values[d], quarter.status()), key -> new Sums())
                        .add(sums);
            }
        }
    }

    int fullRows() {
        return full.size();
    }

    int dimRows() {
        return dims.size();
    }

    /** Rows of the full-dimension rollups: level, the key columns in key order, then {@link #sums}. */
    Object[] fullColumns() {
        int n = full.size();
        Integer[] level = new Integer[n];
        String[] tenant = new String[n], bucket = new String[n], provider = new String[n], model = new String[n],
                endpoint = new String[n], project = new String[n], apiKey = new String[n], status = new String[n],
                serviceTier = new String[n];
        List<Sums> sums = new ArrayList<>(n);
        int i = 0;
        for (Map.Entry<FullKey, Sums> row : full.entrySet()) {
            FullKey key = row.getKey();
            level[i] = key.level();
            tenant[i] = key.tenant();
            bucket[i] = Instant.ofEpochSecond(key.bucket()).toString();
            provider[i] = key.provider();
            model[i] = key.model();
            endpoint[i] = key.endpoint();
            project[i] = key.project();
            apiKey[i] = key.apiKey();
            status[i] = key.status();
            serviceTier[i] = key.serviceTier();
            sums.add(row.getValue());
            i++;
        }
        return concat(new Object[] {level, tenant, bucket, provider, model, endpoint, project, apiKey, status, serviceTier},
                sums(sums));
    }

    /** Rows of the per-dimension rollups: level, the key columns in key order, then {@link #sums}. */
    Object[] dimColumns() {
        int n = dims.size();
        Integer[] level = new Integer[n];
        String[] tenant = new String[n], dim = new String[n], bucket = new String[n], value = new String[n],
                status = new String[n];
        List<Sums> sums = new ArrayList<>(n);
        int i = 0;
        for (Map.Entry<DimKey, Sums> row : dims.entrySet()) {
            DimKey key = row.getKey();
            level[i] = key.level();
            tenant[i] = key.tenant();
            dim[i] = key.dim();
            bucket[i] = Instant.ofEpochSecond(key.bucket()).toString();
            value[i] = key.value();
            status[i] = key.status();
            sums.add(row.getValue());
            i++;
        }
        return concat(new Object[] {level, tenant, dim, bucket, value, status}, sums(sums));
    }

    /** The measure columns, in {@link BatchSql#ROLLUP_COLUMNS} order, then latency_hist and last_seen. */
    private static Object[] sums(List<Sums> rows) {
        int n = rows.size();
        Long[] requests = new Long[n], input = new Long[n], cached = new Long[n], cacheWrite = new Long[n],
                output = new Long[n], reasoning = new Long[n], unpriced = new Long[n], latencyCount = new Long[n],
                latencySum = new Long[n];
        String[] cost = new String[n], hist = new String[n], lastSeen = new String[n];
        for (int i = 0; i < n; i++) {
            Sums s = rows.get(i);
            requests[i] = s.requests;
            input[i] = s.inputTokens;
            cached[i] = s.cachedInputTokens;
            cacheWrite[i] = s.cacheWriteTokens;
            output[i] = s.outputTokens;
            reasoning[i] = s.reasoningTokens;
            cost[i] = s.costUsd.toPlainString();
            unpriced[i] = s.unpricedRequests;
            latencyCount[i] = s.latencyCount;
            latencySum[i] = s.latencySumMs;
            hist[i] = s.histJson();
            lastSeen[i] = s.lastSeen.toString();
        }
        return new Object[] {requests, input, cached, cacheWrite, output, reasoning, cost, unpriced, latencyCount, latencySum,
                hist, lastSeen};
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = new Object[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
