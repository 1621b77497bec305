package dev.tokenmeter.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    @Test
    void aMissedThroughputTargetSaysHowFarShortItFell() {
        TargetCheck check = new TargetCheck("ingest ≥ 50 000 events/s", 12_500, 50_000, false, "events/s");

        assertThat(check.met()).isFalse();
        assertThat(check.verdict()).isEqualTo("missed: reached 25% of the goal (4.00× short)");
    }

    @Test
    void aMissedLatencyLimitSaysByHowMuchItWasExceeded() {
        TargetCheck check = new TargetCheck("p95 ≤ 50 ms", 75, 50, true, "ms");

        assertThat(check.met()).isFalse();
        assertThat(check.verdict()).isEqualTo("missed: 1.50× the limit (25.0 ms over)");
        assertThat(new TargetCheck("p95 ≤ 50 ms", 50, 50, true, "ms").verdict()).isEqualTo("met");
    }

    @Test
    void advantageIsHowManyTimesBetterThanTheBaseline() {
        assertThat(new Comparison("p95", "ms", 10, "raw", 500, true).advantage()).isEqualTo(50);
        assertThat(new Comparison("rate", "events/s", 30_000, "COPY", 100_000, false).advantage()).isEqualTo(0.3);
        assertThat(MarkdownReport.advantage(new Comparison("p95", "ms", 100, "raw", 50, true))).isEqualTo("2.00× slower");
        assertThat(MarkdownReport.advantage(new Comparison("rate", "events/s", 30_000, "COPY", 100_000, false))).isEqualTo("30% of it");
    }

    @Test
    void writesMarkdownJsonAndAChartWithEveryComparison(@TempDir Path dir) throws Exception {
        Report report = new Report("quick", Instant.parse("2026-11-23T10:00:00Z"), Map.of("summary", "2 vCPU"), Map.of("mode", "quick"));
        Section ingest = report.add(new Section("Ingest throughput"));
        ingest.table("measurement", "value").row("ingest", "12,000 events/s");
        ingest.compare(new Comparison("ingest vs naive", "events/s", 12_000, "naive INSERT", 400, false));
        ingest.target(new TargetCheck("ingest ≥ 50 000 events/s", 12_000, 50_000, false, "events/s"));
        report.add(new Section("Dashboard")).skipped("web-ui/dist is not built");
        report.finished(Duration.ofSeconds(200));

        List<Path> files = report.write(dir);

        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("| ingest ≥ 50 000 events/s | 12,000 events/s | **missed: reached 24% of the goal (4.17× short)** |")
                .contains("| ingest vs naive | 12,000 events/s | naive INSERT | 400 events/s | 30.0× |")
                .contains("Dashboard | – | skipped: web-ui/dist is not built");
        assertThat(Files.readString(dir.resolve("report.json"))).contains("\"advantage\" : 30.0").contains("\"met\" : false");
        assertThat(ImageIO.read(dir.resolve("report.png").toFile()).getWidth()).isEqualTo(1200);
        assertThat(files).hasSize(3);
    }

    @Test
    void theJsonReportWritesEveryFieldOfAComparisonAndATargetInItsOrder(@TempDir Path dir) throws Exception {
        Report report = new Report("quick", Instant.parse("2026-11-23T10:00:00Z"), Map.of(), Map.of());
        Section ingest = report.add(new Section("Ingest throughput"));
        ingest.compare(new Comparison("ingest vs naive", "events/s", 12_000, "naive INSERT", 400, false));
        ingest.target(new TargetCheck("ingest ≥ 50 000 events/s", 12_000, 50_000, false, "events/s"));
        report.finished(Duration.ofSeconds(1));

        report.write(dir);

        JsonNode section = JsonMapper.shared().readTree(Files.readString(dir.resolve("report.json"))).path("sections").get(0);
        assertThat(section.path("comparisons").toString()).isEqualTo("[{\"label\":\"ingest vs naive\",\"unit\":\"events/s\","
                + "\"value\":12000.0,\"baseline\":\"naive INSERT\",\"baselineValue\":400.0,\"lowerIsBetter\":false,\"advantage\":30.0}]");
        assertThat(section.path("targets").toString()).isEqualTo("[{\"target\":\"ingest ≥ 50 000 events/s\",\"actual\":12000.0,"
                + "\"threshold\":50000.0,\"atMost\":false,\"unit\":\"events/s\",\"met\":false,"
                + "\"verdict\":\"missed: reached 24% of the goal (4.17× short)\"}]");
    }
}
