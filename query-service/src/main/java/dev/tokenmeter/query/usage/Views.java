package dev.tokenmeter.query.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the usage endpoints, as the contract names their fields. */
final class Views {

    private Views() {
    }

    record Summary(long requests, long successes, long errors, long timeouts, double errorRate,
            long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens,
            long totalTokens, BigDecimal costUsd, long unpricedRequests,
            @Nullable Double avgLatencyMs, @Nullable Double p50LatencyMs, @Nullable Double p95LatencyMs,
            @Nullable Double p99LatencyMs, UsageQuery.Distinct distinct, @Nullable Summary previous,
            Map<String, UnitTotals.UnitTotal> units) {

        static Summary of(Totals t, UsageQuery.Distinct distinct, @Nullable Summary previous, Map<String, UnitTotals.UnitTotal> units) {
            return new Summary(t.requests(), t.successes(), t.errors(), t.timeouts(), rate(t.errorRate()),
                    t.inputTokens(), t.cachedInputTokens(), t.cacheWriteTokens(), t.outputTokens(), t.reasoningTokens(),
                    t.totalTokens(), money(t.costUsd()), t.unpricedRequests(), round(t.avgLatencyMs()),
                    t.latencyPercentile(0.50), t.latencyPercentile(0.95), t.latencyPercentile(0.99), distinct, previous,
                    UnitTotals.shown(units));
        }
    }

    record Point(String start, String end, long requests, long successes, long errors, long timeouts,
            long inputTokens, long cachedInputTokens, long cacheWriteTokens, long outputTokens, long reasoningTokens,
            long totalTokens, BigDecimal costUsd, long unpricedRequests,
            @Nullable Double avgLatencyMs, @Nullable Double p95LatencyMs) {

        static Point of(Instant start, Instant end, ZoneId zone, Totals t) {
            return new Point(local(start, zone), local(end, zone), t.requests(), t.successes(), t.errors(), t.timeouts(),
                    t.inputTokens(), t.cachedInputTokens(), t.cacheWriteTokens(), t.outputTokens(), t.reasoningTokens(),
                    t.totalTokens(), money(t.costUsd()), t.unpricedRequests(), round(t.avgLatencyMs()), t.latencyPercentile(0.95));
        }
    }

    record Series(@Nullable String key, boolean other, List<Point> points) {
    }

    /**
     * @param previous with {@code compare=previous}: the totals of the period of equal length just before
     *                 {@code from}, bucketed the same way; null otherwise
     */
    record Timeline(String bucket, String tz, String from, String to, List<Point> buckets, @Nullable List<Series> series,
            @Nullable PreviousPeriod previous) {
    }

    /** The period of equal length just before a timeline's range, in buckets of the same unit (its edges clipped). */
    record PreviousPeriod(String from, String to, List<Point> buckets) {
    }

    record Row(@Nullable String key, long requests, long successes, long errors, double errorRate,
            long inputTokens, long outputTokens, long totalTokens, BigDecimal costUsd, double share,
            @Nullable Double avgLatencyMs, @Nullable Double p95LatencyMs, @Nullable Instant lastSeen,
            Map<String, UnitTotals.UnitTotal> units) {

        static Row of(@Nullable String key, Totals t, double share) {
            return of(key, t, share, Map.of());
        }

        static Row of(@Nullable String key, Totals t, double share, @Nullable Map<String, UnitTotals.UnitTotal> units) {
            return new Row(key, t.requests(), t.successes(), t.errors(), rate(t.errorRate()), t.inputTokens(),
                    t.outputTokens(), t.totalTokens(), money(t.costUsd()), rate(share), round(t.avgLatencyMs()),
                    t.latencyPercentile(0.95), t.lastSeen(), UnitTotals.shown(units));
        }
    }

    record Breakdown(String by, String sort, List<Row> rows, @Nullable Row other, Row total) {
    }

    record PeriodTotals(long requests, long totalTokens, BigDecimal costUsd) {

        static PeriodTotals of(Totals t) {
            return new PeriodTotals(t.requests(), t.totalTokens(), money(t.costUsd()));
        }
    }

    record Periods(String tz, PeriodTotals today, PeriodTotals thisWeek, PeriodTotals thisMonth, PeriodTotals allTime) {
    }

    record Values(String dimension, List<String> values) {
    }

    /** Tag keys seen in the range, in code point order. */
    record TagKeys(List<String> keys) {
    }

    static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }

    /** Exact amounts without trailing zeros (never binary floating point). */
    static BigDecimal money(BigDecimal usd) {
        BigDecimal stripped = usd.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static double rate(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN).doubleValue();
    }

    static @Nullable Double round(@Nullable Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }
}
