package dev.tokenmeter.bench.soak;

import dev.tokenmeter.bench.BenchStack;
import dev.tokenmeter.bench.MetricsSampler;
import dev.tokenmeter.bench.Proc;
import dev.tokenmeter.bench.Say;
import dev.tokenmeter.bench.report.PromText;
import dev.tokenmeter.bench.report.Section;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * {@code bench/run --soak DURATION}: a steady load for the whole duration while, in turn, the Kafka
 * broker is killed (SIGKILL) and restarted, the ingest service is killed and restarted, and the
 * ingest service's database connections are terminated. Samples heap, RSS, consumer lag, the
 * dead-letter count and stored rows over time; at the end, raw rows must equal the unique events
 * sent and the rollups must equal the raw rows.
 */
public final class SoakBench {

    /**
     * @param duration   how long the load runs
     * @param rate       events per second sent (2% of them resend an earlier id: duplicates)
     * @param chaosEvery time between two faults
     */
    public record Options(Duration duration, int rate, Duration chaosEvery) {
    }

    /** One sample of the system under load. */
    record Sample(Duration at, double heapMb, double rssMb, long lag, long deadLetters, long stored, long sent) {
    }

    /** A fault done at a moment of the run. */
    record Fault(Duration at, String what, Duration recovery) {
    }

    private static final Map<String, String> INGEST_ENV = Map.of("SPRING_APPLICATION_JSON",
            "{\"tokenmeter\":{\"kafka\":{\"properties\":{\"session.timeout.ms\":\"10000\"}}}}");

    private final BenchStack stack;
    private final Options options;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong unique = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private volatile boolean loading = true;
    private @Nullable MetricsSampler metrics;

    public SoakBench(BenchStack stack, Options options) {
        this.stack = stack;
        this.options = options;
    }

    public boolean run(Section section) throws Exception {
        stack.ingest(INGEST_ENV);
        metrics = new MetricsSampler(stack.ingestManagementUrl(), 60_000);
        long start = System.nanoTime();
        Thread load = new Thread(this::load, "soak-load");
        load.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000))) {
            // Samples on their own thread, so a fault's recovery shows in them.
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleWithFixedDelay(() -> sample(admin, Duration.ofNanos(System.nanoTime() - start)), 0, 15, TimeUnit.SECONDS);
            long nextFault = options.chaosEvery().toNanos();
            int faultNumber = 0;
            while (System.nanoTime() - start < options.duration().toNanos()) {
                if (System.nanoTime() - start >= nextFault) {
                    fault(faultNumber++ % 3, Duration.ofNanos(System.nanoTime() - start));
                    nextFault += options.chaosEvery().toNanos();
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
            sampler.shutdown();
            sampler.awaitTermination(1, TimeUnit.MINUTES);
            loading = false;
            load.join();
            Say.step("Load stopped after " + sent.get() + " records (" + unique.get() + " unique events); waiting for the lag to drain");
            long drainStart = System.nanoTime();
            while (lag(admin) > 0 && System.nanoTime() - drainStart < Duration.ofMinutes(5).toNanos()) {
                TimeUnit.SECONDS.sleep(1);
            }
            sample(admin, Duration.ofNanos(System.nanoTime() - start));
        }
        metrics.close();
        return report(section);
    }

    private void load() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            // 100 ticks a second, each sending a hundredth of the rate.
            long periodNanos = 10_000_000L;
            long next = System.nanoTime();
            long n = 0;
            while (loading) {
                for (int i = 0; i < Math.max(1, options.rate() / 100); i++) {
                    boolean duplicate = unique.get() > 1000 && n % 50 == 0;
                    // A duplicate resends an id already sent: one below the unique counter.
                    long id = duplicate ? unique.get() - 997 : unique.getAndIncrement();
                    String json = "{\"id\":\"soak-" + id + "\",\"tenant\":\"soak-" + id % 5 + "\",\"time\":\""
                            + Instant.now().minusSeconds(id % 600) + "\",\"provider\":\"openai\",\"model\":\"gpt-4o-mini\","
                            + "\"project\":\"p" + id % 11 + "\",\"latencyMs\":" + (20 + id % 900)
                            + ",\"usage\":{\"inputTokens\":" + (100 + id % 3000) + ",\"outputTokens\":" + (10 + id % 400) + "}}";
                    producer.send(new ProducerRecord<>(BenchStack.TOPIC, ("soak-" + id % 5).getBytes(StandardCharsets.UTF_8),
                            json.getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                                if (error != null) {
                                    sendFailures.incrementAndGet();
                                }
                            });
                    sent.incrementAndGet();
                    n++;
                }
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fault(int kind, Duration at) throws Exception {
        long t0 = System.nanoTime();
        String what;
        switch (kind) {
            case 0 -> {
                what = "Kafka broker killed (SIGKILL) and restarted";
                stack.killAndRestartKafka();
            }
            case 1 -> {
                what = "ingest service killed (SIGKILL) and restarted";
                stack.killAndRestartIngest(INGEST_ENV);
            }
            default -> {
                what = "ingest's database connections terminated (pg_terminate_backend)";
                try (Connection connection = stack.jdbc(); Statement sql = connection.createStatement()) {
                    sql.execute("""
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'""");
                }
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        faults.add(new Fault(at, what, took));
        Say.step(String.format(Locale.ROOT, "[%s] %s (%.1f s)", clock(at), what, took.toMillis() / 1000.0));
    }

    private void sample(Admin admin, Duration at) {
        try {
            takeSample(admin, at);
        } catch (Exception e) {
            Say.progress("[" + clock(at) + "] sample failed: " + e);
        }
    }

    private void takeSample(Admin admin, Duration at) throws Exception {
        double heap = Double.NaN;
        PromText text = metrics == null ? null : metrics.scrape();
        if (text != null) {
            heap = text.sum("jvm_memory_used_bytes", Map.of("area", "heap")) / 1e6;
        }
        double rss = Double.NaN;
        try {
            rss = Proc.statusKb(stack.ingestPid(), "VmRSS") / 1024.0;
        } catch (RuntimeException e) {
            // the service is restarting
        }
        long lag = safeLag(admin);
        Sample sample = new Sample(at, heap, rss, lag, deadLetters(admin), stored(), sent.get());
        synchronized (samples) {
            samples.add(sample);
        }
        Say.progress(String.format(Locale.ROOT, "[%s] sent %,d · stored %,d · lag %,d · heap %.0f MB · RSS %.0f MB · DLQ %d",
                clock(at), sample.sent(), sample.stored(), lag, heap, rss, sample.deadLetters()));
    }

    private long safeLag(Admin admin) {
        try {
            return lag(admin);
        } catch (Exception e) {
            return -1; // the broker is restarting
        }
    }

    private long lag(Admin admin) throws Exception {
        Map<TopicPartition, Long> end = endOffsets(admin, BenchStack.TOPIC);
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(BenchStack.CONSUMER_GROUP).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                .forEach((tp, offset) -> committed.put(tp, offset == null ? 0 : offset.offset()));
        return end.entrySet().stream().mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
    }

    private long deadLetters(Admin admin) {
        try {
            return endOffsets(admin, BenchStack.TOPIC + ".dlq").values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            return -1;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        java.util.Objects.requireNonNull(admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic), topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    private long stored() throws Exception {
        return single("SELECT count(*) FROM usage_event WHERE tenant LIKE 'soak-%'");
    }

    private long single(String sql) throws Exception {
        try (Connection connection = stack.jdbc();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private boolean report(Section section) throws Exception {
        long stored = stored();
        long rolledUp = single("SELECT coalesce(sum(requests), 0) FROM usage_rollup_1d WHERE tenant LIKE 'soak-%'");
        long dimRolledUp = single("SELECT coalesce(sum(requests), 0) FROM usage_dim_rollup_15m WHERE tenant LIKE 'soak-%' AND dim = ''");
        Sample last = samples.get(samples.size() - 1);
        boolean exact = stored == unique.get() && rolledUp == stored && dimRolledUp == stored && sendFailures.get() == 0;
        section.note(String.format(Locale.ROOT, "%s of load aimed at %,d records/s (2%% duplicates; %,.0f records/s achieved: the "
                + "producer blocks while the broker is down), a fault every %s in turn: %d faults.",
                clock(options.duration()), options.rate(), sent.get() / (double) Math.max(1, last.at().toSeconds()),
                clock(options.chaosEvery()), faults.size()));
        section.note(String.format(Locale.ROOT, "End: %,d records sent, %,d unique events; raw rows %,d, daily rollup requests %,d, "
                + "15-minute tenant totals %,d, send failures %d, dead letters %d, lag %d: %s.",
                sent.get(), unique.get(), stored, rolledUp, dimRolledUp, sendFailures.get(), last.deadLetters(), last.lag(),
                exact ? "exact" : "NOT EXACT"));
        section.note(String.format(Locale.ROOT, "Ingest heap (MB) first / max / last: %.0f / %.0f / %.0f; RSS (MB) %.0f / %.0f / %.0f; "
                + "max lag %,d records.",
                samples.get(0).heapMb(), samples.stream().mapToDouble(Sample::heapMb).filter(v -> !Double.isNaN(v)).max().orElse(0),
                last.heapMb(), samples.get(0).rssMb(),
                samples.stream().mapToDouble(Sample::rssMb).filter(v -> !Double.isNaN(v)).max().orElse(0),
                last.rssMb(), samples.stream().mapToLong(Sample::lag).max().orElse(0)));
        section.table("at", "fault", "took");
        for (Fault fault : faults) {
            section.row(clock(fault.at()), fault.what(), String.format(Locale.ROOT, "%.1f s", fault.recovery().toMillis() / 1000.0));
        }
        section.data("samples", samples.stream().map(s -> Map.of("atSeconds", s.at().toSeconds(), "heapMb", s.heapMb(),
                "rssMb", s.rssMb(), "lag", s.lag(), "deadLetters", s.deadLetters(), "stored", s.stored(), "sent", s.sent())).toList());
        section.data("exact", exact);
        Path chart = stack.repo().resolve("bench/target/soak.png");
        SoakChart.draw(samples, faults, chart);
        section.note("Heap, RSS and lag over time: bench/target/soak.png.");
        return exact;
    }

    static String clock(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
