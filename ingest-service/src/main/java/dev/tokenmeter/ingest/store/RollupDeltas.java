package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.latency.LatencyHistogram;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
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

    private static final RollupRows.Measures<Sums> MEASURES = new RollupRows.Measures<>(Sums::new, Sums::add, false, RollupDeltas::sums);

    private RollupDeltas() {
    }

    /**
     * The rows that {@code fresh} (events stored for the first time, each counted once) adds to. The events
     * are added up by full key per 15 minutes first; every other row is a sum of those, which under live
     * traffic are far fewer than the events. The daily rows by user are added up from the events directly.
     */
    static RollupRows<?> of(List<PricedEvent> fresh) {
        return RollupRows.sumWithUsers(fresh, MEASURES, (item, row) -> {
            UsageEvent e = item.event();
            row.apply(RollupRows.FullKey.quarter(e, "")).add(item, e.latencyMs() == null ? null : LatencyHistogram.bucket(e.latencyMs()));
        });
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
}
