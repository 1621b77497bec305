package dev.tokenmeter.bench.freshness;

import dev.tokenmeter.bench.BenchStack;
import dev.tokenmeter.bench.CpuMeter;
import dev.tokenmeter.bench.Http;
import dev.tokenmeter.bench.MetricsSampler;
import dev.tokenmeter.bench.Say;
import dev.tokenmeter.bench.ingest.TopicLoader;
import dev.tokenmeter.bench.report.Comparison;
import dev.tokenmeter.bench.report.Format;
import dev.tokenmeter.bench.report.PromText;
import dev.tokenmeter.bench.report.Section;
import dev.tokenmeter.bench.report.Stats;
import dev.tokenmeter.bench.report.TargetCheck;
import dev.tokenmeter.deploy.demo.DemoEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Part 3: under a steady background load, marker events are published one at a time, and each is
 * timed from the moment it is handed to the producer until the summary API counts it. The markers
 * are a tenant of their own, so the summary of that tenant counts exactly the markers seen.
 *
 * @param stack   the stack under test
 * @param options what this part is asked to do
 */
public record FreshnessBench(BenchStack stack, Options options) {

    static final String TENANT = "fresh";
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration GIVE_UP = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 20;

    /**
     * @param rate     background events per second
     * @param duration how long the background load runs (markers after the warm-up)
     */
    public record Options(int rate, Duration duration) {
    }

    public boolean run(Section section) throws Exception {
        try (Admin admin = TopicLoader.admin(stack.bootstrap())) {
            TopicLoader.createTopic(admin, BenchStack.TOPIC);
        }
        stack.ingest(Map.of());
        stack.query();
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Http http = new Http(stack.operatorKey());
        MetricsSampler ingestMetrics = new MetricsSampler(stack.ingestManagementUrl(), 60_000);
        PromText before = ingestMetrics.scrape();
        CpuMeter cpu = new CpuMeter(stack);
        List<Double> latencies = new ArrayList<>();
        int timeouts = 0;
        BackgroundLoad background;
        CpuMeter.Reading cpuStart;
        try (KafkaProducer<String, byte[]> producer = TopicLoader.producer(stack.bootstrap(), 5)) {
            background = new BackgroundLoad(producer, options.rate(), "fresh-bg-" + runId + "-");
            Say.step(String.format(Locale.ROOT, "Freshness: background load of %s events/s for %d s; markers after a %d s warm-up ...",
                    Format.count(options.rate()), options.duration().toSeconds(), WARM_UP.toSeconds()));
            long end = System.nanoTime() + options.duration().toNanos();
            Thread.sleep(WARM_UP.toMillis());
            cpuStart = cpu.read();
            SplittableRandom random = new SplittableRandom(7);
            long lastPrint = System.nanoTime();
            int marker = 0;
            while (System.nanoTime() < end) {
                marker++;
                Double latency = marker(producer, http, runId, marker);
                if (latency == null) {
                    timeouts++;
                    latencies.add((double) GIVE_UP.toMillis()); // censored: at least this long
                    Say.loud("Freshness: marker " + marker + " not visible after " + GIVE_UP.toSeconds() + " s");
                    break;
                }
                latencies.add(latency);
                if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                    lastPrint = System.nanoTime();
                    Stats sofar = Stats.of(latencies);
                    Say.progress(String.format(Locale.ROOT, "Freshness: %d markers, p50 %s ms, max %s ms; background %s events sent",
                            latencies.size(), Format.number(sofar.p50()), Format.number(sofar.max()), Format.count(background.sent())));
                }
                Thread.sleep(100 + random.nextInt(200));
            }
            background.close();
        }
        CpuMeter.Reading cpuEnd = cpu.read();
        long lag = lag(stack);
        PromText after = ingestMetrics.scrape();
        ingestMetrics.close();
        report(section, latencies, timeouts, background, before, after, CpuMeter.cores(cpuStart, cpuEnd), lag);
        return timeouts == 0;
    }

    /** Records in the topic that the ingest service has not committed (stored) yet. */
    public static long lag(BenchStack stack) {
        try (Admin admin = TopicLoader.admin(stack.bootstrap())) {
            long published = TopicLoader.partitionSizes(admin, BenchStack.TOPIC).stream().mapToLong(Long::longValue).sum();
            long committed = admin.listConsumerGroupOffsets(BenchStack.CONSUMER_GROUP).partitionsToOffsetAndMetadata()
                    .get(10, java.util.concurrent.TimeUnit.SECONDS).values().stream()
                    .filter(java.util.Objects::nonNull).mapToLong(o -> o.offset()).sum();
            return Math.max(0, published - committed);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Publishes one marker and answers ms until the summary counts it, or null when it never does. */
    private @Nullable Double marker(KafkaProducer<String, byte[]> producer, Http http, String runId, int n) throws Exception {
        Instant now = Instant.now();
        String id = "marker-" + runId + "-" + n;
        DemoEvent event = new DemoEvent(id, TENANT, now, "openai", "gpt-4o-mini", "chat.completions", "freshness-probe",
                "probe-key", null, "success", null, 420, new DemoEvent.Tokens(100, 0, 0, 20, 0), null, Map.of());
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        String url = stack.queryUrl() + "/api/v1/usage/summary?tenant=" + TENANT + "&from=" + hour.minus(Duration.ofHours(1))
                + "&to=" + hour.plus(Duration.ofHours(2));
        long start = System.nanoTime();
        producer.send(new ProducerRecord<>(BenchStack.TOPIC, id, event.toJson()));
        long deadline = start + GIVE_UP.toNanos();
        while (System.nanoTime() < deadline) {
            Http.Answer answer = http.ok(url);
            if (answer.json().get("requests").asLong() >= n) {
                return (System.nanoTime() - start) / 1e6;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return null;
    }

    private void report(Section section, List<Double> latencies, int timeouts, BackgroundLoad background,
            @Nullable PromText before, @Nullable PromText after, Map<String, Double> cores, long lag) {
        String lagText = Format.count(lag) + " records not yet stored when the load stopped"
                + (lag > options.rate()
                        ? String.format(Locale.ROOT, " (%s s of load: ingest did not keep up)",
                                Format.number(lag / (double) options.rate()))
                        : "");
        if (latencies.isEmpty()) {
            section.failed("no marker became visible within " + GIVE_UP.toSeconds() + " s; " + lagText);
            section.target(new TargetCheck("freshness p99 ≤ 1 s (" + Format.count(options.rate()) + " events/s background)",
                    GIVE_UP.toMillis(), 1000, true, "ms"));
            return;
        }
        Stats stats = Stats.of(latencies);
        Say.step(String.format(Locale.ROOT, "Freshness: %d markers, p50 %s ms, p99 %s ms, max %s ms; background %s events/s achieved",
                stats.n(), Format.number(stats.p50()), Format.number(stats.p99()), Format.number(stats.max()),
                Format.number(background.achievedRate())));
        section.table("measurement", "value");
        section.row("publish → visible in /usage/summary",
                Format.number(stats.p50()) + " ms p50, " + Format.number(stats.p99()) + " ms p99, "
                        + Format.number(stats.max()) + " ms max (" + stats.n() + " markers" + (timeouts > 0
                                ? "; " + timeouts
                                        + " not visible within " + GIVE_UP.toSeconds() + " s, counted as " + GIVE_UP.toSeconds()
                                        + " s, and the run stopped there"
                                : "")
                        + ")");
        section.row("background load", Format.number(background.achievedRate()) + " events/s achieved of " + Format.count(options.rate())
                + " asked, " + Format.count(background.sent()) + " events");
        section.row("ingest lag at the end", lagText);
        Delta delta = new Delta(before, after);
        Double commitP50 = delta.quantile("ingest_events_delay_seconds", 0.50);
        Double commitP99 = delta.quantile("ingest_events_delay_seconds", 0.99);
        Double batchP50 = delta.quantile("ingest_batch_latency_seconds", 0.50);
        Double batchP99 = delta.quantile("ingest_batch_latency_seconds", 0.99);
        if (commitP50 != null && commitP99 != null) {
            section.row("event time → database commit (ingest_events_delay_seconds, this window)",
                    Format.number(commitP50 * 1000) + " ms p50, " + Format.number(commitP99 * 1000) + " ms p99");
        }
        if (batchP50 != null && batchP99 != null) {
            section.row("batch latency in this window (validate, price, store, commit)",
                    Format.number(batchP50 * 1000) + " ms p50, " + Format.number(batchP99 * 1000) + " ms p99");
        }
        section.compare(new Comparison("publish → visible, p99", "ms", stats.p99(), "issue target", 1000, true));
        section.target(new TargetCheck("freshness p99 ≤ 1 s (" + Format.count(options.rate()) + " events/s background)", stats.p99(), 1000,
                true, "ms"));
        section.note("Markers: one at a time, 100–300 ms apart, tenant " + TENANT
                + " (alone in its summary), key = event id; the summary is polled "
                + "every " + POLL_MILLIS
                + " ms (plus the request's own time), so a figure includes up to one poll of waiting. The producer "
                + "lingers 5 ms, acks=all. Background: the demo generator's events, timed now.");
        section.note("Where the CPU went meanwhile (the background load and the markers are sent by the bench harness): "
                + CpuMeter.describe(cores) + ".");
        section.data("latenciesMs", latencies);
        section.data("backgroundRate", background.achievedRate());
    }

    /** The change of histograms between two scrapes: the observations made in between. */
    private record Delta(@Nullable PromText before, @Nullable PromText after) {

        @Nullable
        Double quantile(String histogram, double q) {
            if (after == null) {
                return null;
            }
            Map<Double, Double> counts = buckets(after, histogram);
            if (before != null) {
                buckets(before, histogram).forEach((le, n) -> counts.merge(le, -n, Double::sum));
            }
            return PromText.quantile(counts, q);
        }

        private static Map<Double, Double> buckets(PromText metrics, String histogram) {
            Map<Double, Double> counts = new java.util.HashMap<>();
            for (PromText.Sample s : metrics.samples()) {
                String le = s.labels().get("le");
                if (s.name().equals(histogram + "_bucket") && le != null) {
                    counts.merge(le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), s.value(), Double::sum);
                }
            }
            return counts;
        }
    }
}
