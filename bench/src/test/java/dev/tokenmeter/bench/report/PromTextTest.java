package dev.tokenmeter.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromTextTest {

    private static final String SCRAPE = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{application="tokenmeter-ingest",area="heap",id="G1 Eden Space"} 1.2E8
            jvm_memory_used_bytes{application="tokenmeter-ingest",area="heap",id="G1 Old Gen"} 8.0E7
            jvm_memory_used_bytes{application="tokenmeter-ingest",area="nonheap",id="Metaspace"} 9.9E7
            # TYPE ingest_batch_latency_seconds histogram
            ingest_batch_latency_seconds_bucket{application="tokenmeter-ingest",le="0.01"} 0
            ingest_batch_latency_seconds_bucket{application="tokenmeter-ingest",le="0.1"} 50
            ingest_batch_latency_seconds_bucket{application="tokenmeter-ingest",le="1.0"} 90
            ingest_batch_latency_seconds_bucket{application="tokenmeter-ingest",le="+Inf"} 100
            ingest_batch_latency_seconds_count{application="tokenmeter-ingest"} 100
            ingest_batch_latency_seconds_sum{application="tokenmeter-ingest"} 31.5
            odd_label{path="a \\"quoted\\" value",x="1"} 3
            """;

    @Test
    void sumsTheSeriesWhoseLabelsMatch() {
        PromText metrics = PromText.parse(SCRAPE);

        assertThat(metrics.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isEqualTo(2.0e8);
        assertThat(metrics.sum("jvm_memory_used_bytes", Map.of())).isEqualTo(2.99e8);
        assertThat(metrics.sum("ingest_batch_latency_seconds_count", Map.of())).isEqualTo(100);
        assertThat(metrics.sum("no_such_metric", Map.of())).isZero();
    }

    @Test
    void readsEscapedQuotesInLabelValues() {
        PromText metrics = PromText.parse(SCRAPE);

        assertThat(metrics.sum("odd_label", Map.of("path", "a \"quoted\" value"))).isEqualTo(3);
    }

    @Test
    void histogramQuantileInterpolatesInsideTheBucketHoldingTheRank() {
        PromText metrics = PromText.parse(SCRAPE);

        // rank 50 of 100 is the top of the (0.01, 0.1] bucket; rank 70 lies halfway through (0.1, 1.0]
        assertThat(metrics.histogramQuantile("ingest_batch_latency_seconds", 0.5)).isCloseTo(0.1, within(1e-9));
        assertThat(metrics.histogramQuantile("ingest_batch_latency_seconds", 0.7)).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void aRankInTheInfiniteBucketAnswersTheHighestFiniteBound() {
        PromText metrics = PromText.parse(SCRAPE);

        assertThat(metrics.histogramQuantile("ingest_batch_latency_seconds", 0.99)).isEqualTo(1.0);
    }

    @Test
    void theFirstBucketStartsAtZero() {
        assertThat(PromText.quantile(Map.of(0.5, 10.0, Double.POSITIVE_INFINITY, 10.0), 0.5)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void aHistogramWithoutObservationsHasNoQuantile() {
        assertThat(PromText.quantile(Map.of(0.5, 0.0, Double.POSITIVE_INFINITY, 0.0), 0.5)).isNull();
        assertThat(PromText.parse("").histogramQuantile("ingest_batch_latency_seconds", 0.5)).isNull();
    }
}
