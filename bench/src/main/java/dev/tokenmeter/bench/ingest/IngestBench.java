package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.bench.BenchStack;
import dev.tokenmeter.bench.CpuMeter;
import dev.tokenmeter.bench.DbStatements;
import dev.tokenmeter.bench.DbWaits;
import dev.tokenmeter.bench.MetricsSampler;
import dev.tokenmeter.bench.PlanProfile;
import dev.tokenmeter.bench.Proc;
import dev.tokenmeter.bench.Say;
import dev.tokenmeter.bench.report.Comparison;
import dev.tokenmeter.bench.report.Format;
import dev.tokenmeter.bench.report.PromText;
import dev.tokenmeter.bench.report.Section;
import dev.tokenmeter.bench.report.TargetCheck;
import dev.tokenmeter.deploy.ChildProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;

/**
 * Part 1: the records are published first, then the real ingest service starts and works through
 * the backlog; its rate is measured from its first to its last offset commit. Then the naive and
 * COPY baselines store the same records.
 */
public final class IngestBench {

    private static final long SEED = 20_261_123L;
    private static final Duration STALL = Duration.ofSeconds(180);

    /** The event rate whose times the live records carry: the target's. */
    private static final int LIVE_RATE = 50_000;

    private final BenchStack stack;
    private final Options options;

    /**
     * The sizes this part needs.
     *
     * @param compareEnv when not empty, the backlog is ingested a second time in the same run, on emptied tables
     *                   with a consumer group of its own, by the service started with these environment variables
     *                   (e.g. the earlier write path), for an A/B comparison on the same machine load
     */
    public record Options(int records, double duplicateShare, boolean history, Duration naiveBudget, boolean profile,
            Map<String, String> compareEnv) {
    }

    public IngestBench(BenchStack stack, Options options) {
        this.stack = stack;
        this.options = options;
    }

    /** Figures of the ingest service's run. */
    private record ServiceRun(long records, Duration took, double rate, double steadyRate, double peakHeapMb, double peakRssMb,
            @Nullable Double batchP50Ms, @Nullable Double batchP99Ms, long batches, double meanBatch,
            long persisted, long duplicates, Map<String, Double> cores, String waits,
            List<DbStatements.Statement> statements, long walBytes, StepTimes steps) {

        /** Ingest time per batch: first → last commit ÷ batches. */
        double msPerBatch() {
            return took.toNanos() / 1e6 / Math.max(1, batches);
        }
    }

    public boolean run(Section section) throws Exception {
        long t = System.nanoTime();
        Say.step(String.format(Locale.ROOT, "Generating %s records (realistic demo mix, %s duplicates, times %s) ...",
                Format.count(options.records()), Format.percent(options.duplicateShare()),
                options.history() ? "over the last 30 days" : "of a live stream at " + Format.count(LIVE_RATE) + " events/s"));
        // Live: the times of a stream at the target rate, so a batch covers seconds, as under sustained load.
        // History: the demo's 30 days, so nearly every event lands in rollup rows of its own.
        Duration span = options.history() ? Duration.ofDays(30) : Duration.ofSeconds(Math.max(1, options.records() / LIVE_RATE));
        IngestRecords records = IngestRecords.generate(options.records(), options.duplicateShare(), Instant.now().minusSeconds(60), span,
                SEED);
        int duplicates = records.size() - records.unique();
        Say.step(String.format(Locale.ROOT, "Generated %s records (%s unique + %s duplicates, %s bytes each on average) in %s",
                Format.count(records.size()), Format.count(records.unique()), Format.count(duplicates),
                Format.count(records.bytes() / records.size()), Format.duration(TopicLoader.since(t))));
        ServiceRun service;
        ServiceRun compared = null;
        try (Admin admin = TopicLoader.admin(stack.bootstrap())) {
            TopicLoader.createTopic(admin, BenchStack.TOPIC);
            t = System.nanoTime();
            TopicLoader.publish(stack.bootstrap(), BenchStack.TOPIC, records);
            List<Long> sizes = TopicLoader.partitionSizes(admin, BenchStack.TOPIC);
            Say.step("Published them to " + BenchStack.TOPIC + " in " + Format.duration(TopicLoader.since(t)) + "; records per partition: "
                    + sizes);
            section.data("recordsPerPartition", sizes);
            service = ingestService(admin, records.size(), Map.of(), BenchStack.CONSUMER_GROUP);
            verifyStored(section, records.unique(), duplicates, service, "");
            if (options.profile()) {
                profile(section, Instant.now().minus(service.took()));
            }
            if (!options.compareEnv().isEmpty()) {
                stack.stopIngest();
                emptyIngestTables();
                Say.step("A/B: the same backlog again, on emptied tables, with " + options.compareEnv() + " ...");
                compared = ingestService(admin, records.size(), options.compareEnv(), BenchStack.CONSUMER_GROUP + "-b");
                verifyStored(section, records.unique(), duplicates, compared, "B");
                stack.stopIngest();
            }
        }

        Baselines baselines = new Baselines(stack);
        Say.step("Baseline (naive): one INSERT and one commit per event, for up to " + options.naiveBudget().toSeconds() + " s ...");
        Baselines.Run naive = baselines.naive(records, options.naiveBudget());
        Say.step(String.format(Locale.ROOT, "Baseline (naive): %s records in %s = %s events/s", Format.count(naive.records()),
                Format.duration(naive.took()), Format.number(naive.perSecond())));
        Path copyFile = stack.logs().resolveSibling("copy-rows.tsv");
        Baselines.prepareCopy(records, copyFile);
        Say.step("Baseline (COPY ceiling): COPY of the same " + Format.count(records.size()) + " rows into an unindexed table ...");
        Baselines.Run copy = baselines.copy(copyFile, records.size());
        Say.step(String.format(Locale.ROOT, "Baseline (COPY ceiling): %s rows in %s = %s rows/s", Format.count(copy.records()),
                Format.duration(copy.took()), Format.number(copy.perSecond())));
        java.nio.file.Files.deleteIfExists(copyFile);
        baselines.dropTables();

        report(section, records, service, naive, copy);
        if (compared != null) {
            compare(section, service, compared, naive, copy);
        }
        return true;
    }

    /** Empties what ingest writes, for the A/B pass (the baselines' tables are their own). */
    private void emptyIngestTables() throws Exception {
        try (Connection c = stack.jdbc(); Statement s = c.createStatement()) {
            s.execute("/* bench */ TRUNCATE usage_event, usage_event_key, usage_event_conflict, usage_rollup_15m, usage_rollup_1h, "
                    + "usage_rollup_1d, usage_dim_rollup_15m, usage_dim_rollup_1h, usage_dim_rollup_1d");
            s.execute("/* bench */ CHECKPOINT");
        }
    }

    private static long walLsn(Connection c) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("/* bench */ SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ServiceRun ingestService(Admin admin, long total, Map<String, String> extraEnv, String group) throws Exception {
        CpuMeter cpu = new CpuMeter(stack);
        try (Connection lsn = stack.jdbc();
                CommitWatch watch = new CommitWatch(admin, group, 100);
                MetricsSampler metrics = new MetricsSampler(stack.ingestManagementUrl(), 500)) {
            Say.step("Starting the ingest service (its jar, a child process, -Xmx" + BenchStack.INGEST_HEAP
                    + " as in the local stack); it finds the backlog waiting ...");
            long startCall = System.nanoTime();
            Map<String, String> env = new java.util.HashMap<>(extraEnv);
            if (options.profile()) {
                env.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=filename="
                        + stack.logs().resolve(extraEnv.isEmpty() ? "ingest.jfr" : "ingest-b.jfr") + ",settings=profile,dumponexit=true");
            }
            if (!group.equals(BenchStack.CONSUMER_GROUP)) {
                env.put("TOKENMETER_KAFKA_CONSUMERGROUP", group);
            }
            long walStart = walLsn(lsn);
            ChildProcess ingest = stack.ingest(env);
            Say.step("Ingest service ready after " + Format.duration(TopicLoader.since(startCall)) + " (pid " + ingest.pid() + ")");
            CpuMeter.Reading cpuStart = null;
            DbWaits waits = null;
            long lastChange = System.nanoTime();
            long lastSeen = -1;
            long lastPrint = 0;
            try {
                while (watch.latest() < total) {
                    long committed = watch.latest();
                    if (committed > 0 && cpuStart == null) {
                        cpuStart = cpu.read();
                        DbStatements.reset(stack); // from the first commit: the start-up's migrations are not ingest
                        waits = new DbWaits(stack, 50);
                    }
                    if (committed != lastSeen) {
                        lastSeen = committed;
                        lastChange = System.nanoTime();
                    } else if (System.nanoTime() - lastChange > STALL.toNanos()) {
                        throw new IllegalStateException("the ingest service committed nothing for " + STALL.toSeconds() + " s at "
                                + committed + " of " + total + " records.\n" + ingest.tail());
                    }
                    if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                        lastPrint = System.nanoTime();
                        Say.progress(String.format(Locale.ROOT, "Ingest: %s of %s records committed (%s)", Format.count(committed),
                                Format.count(total), Format.percent(committed / (double) total)));
                    }
                    Thread.sleep(100);
                }
                CpuMeter.Reading cpuEnd = cpu.read();
                PromText last = metrics.scrape();
                return measure(watch, metrics, last, ingest, total, cpuStart == null ? cpuEnd : cpuStart, cpuEnd,
                        waits == null ? "not sampled" : waits.describe(), walLsn(lsn) - walStart);
            } finally {
                if (waits != null) {
                    waits.close();
                }
            }
        }
    }

    private ServiceRun measure(CommitWatch watch, MetricsSampler metrics, @Nullable PromText last, ChildProcess ingest, long total,
            CpuMeter.Reading cpuStart, CpuMeter.Reading cpuEnd, String waits, long walBytes) throws Exception {
        CommitWatch.Sample first = watch.first();
        CommitWatch.Sample done = watch.reaching(total);
        if (first == null || done == null) {
            throw new IllegalStateException("no commit was observed");
        }
        Duration took = Duration.ofNanos(Math.max(1, done.nanos() - first.nanos()));
        double rate = (total - first.committed()) / (took.toNanos() / 1e9);
        CommitWatch.Sample from = watch.reaching(total / 5);
        CommitWatch.Sample to = watch.reaching(total * 9 / 10);
        double steady = from == null || to == null || to.nanos() <= from.nanos()
                ? rate
                : (to.committed() - from.committed()) / ((to.nanos() - from.nanos()) / 1e9);
        Double p50 = null;
        Double p99 = null;
        long batches = 0;
        double meanBatch = 0;
        long persisted = 0;
        long duplicates = 0;
        if (last != null) {
            p50 = ms(last.histogramQuantile("ingest_batch_latency_seconds", 0.50));
            p99 = ms(last.histogramQuantile("ingest_batch_latency_seconds", 0.99));
            batches = (long) last.sum("ingest_batch_latency_seconds_count", Map.of());
            double sizeCount = last.sum("ingest_batch_size_events_count", Map.of());
            meanBatch = sizeCount == 0 ? 0 : last.sum("ingest_batch_size_events_sum", Map.of()) / sizeCount;
            persisted = (long) last.sum("ingest_events_persisted_total", Map.of());
            duplicates = (long) last.sum("ingest_events_duplicate_total", Map.of());
        }
        double rssMb = Proc.statusKb(ingest.pid(), "VmHWM") / 1024.0;
        return new ServiceRun(total, took, rate, steady, metrics.peakHeapBytes() / 1024 / 1024, rssMb, p50, p99, batches, meanBatch,
                persisted, duplicates, CpuMeter.cores(cpuStart, cpuEnd), waits, DbStatements.top(stack, 3), walBytes,
                StepTimes.of(last, batches));
    }

    /**
     * The batch statement's time per CTE, from the plans auto_explain logged, and where the service's
     * CPU went while it ingested the backlog, from its flight recording dumped while it still runs (--profile).
     */
    private void profile(Section section, Instant ingestFrom) throws Exception {
        Path jfr = stack.logs().resolve("ingest-dump.jfr");
        int dumped = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(stack.ingestPid()), "JFR.dump", "filename=" + jfr).redirectErrorStream(true)
                .redirectOutput(stack.logs().resolve("jcmd.log").toFile()).start().waitFor();
        if (dumped == 0 && java.nio.file.Files.exists(jfr)) {
            JfrProfile cpu = JfrProfile.read(jfr, ingestFrom);
            Say.step(cpu.describe());
            section.note(cpu.describe());
            section.data("serviceCpuByWork", cpu.byWork()).data("serviceTopFrames", cpu.topFrames());
        } else {
            section.note("Profile: jcmd could not dump the ingest service's flight recording (" + stack.logs().resolve("jcmd.log") + ").");
        }
        PlanProfile plans = PlanProfile.read(stack.logs().resolve("postgres.log"), "CTE rollup_15m");
        if (plans.plans() == 0) {
            section.note("Profile: auto_explain logged no batch statement.");
            return;
        }
        String text = String.format(Locale.ROOT, "Profile of the batch statement (auto_explain with timings, %d batches, %s ms): "
                + "rollups %s of its time (one-dimension rollups %s, full rollups %s), raw events %s, dedup keys %s; by CTE: %s. "
                + "(Timing every plan node slows the statement; the shares are what counts.)",
                plans.plans(), Format.number(plans.totalMs()), Format.percent(plans.share("rollup")),
                Format.percent(plans.share("dim_rollup")),
                Format.percent(plans.share("rollup") - plans.share("dim_rollup")), Format.percent(plans.share("stored")),
                Format.percent(plans.share("new_keys")), plans.describe(8));
        Say.step(text);
        section.note(text);
        section.data("batchStatementProfile", plans.perCte());
    }

    private static @Nullable Double ms(@Nullable Double seconds) {
        return seconds == null ? null : seconds * 1000;
    }

    private void verifyStored(Section section, int unique, int duplicates, ServiceRun service, String pass) throws Exception {
        long rows;
        try (Connection c = stack.jdbc();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("/* bench */ SELECT count(*) FROM usage_event WHERE tenant = 'demo'")) {
            rs.next();
            rows = rs.getLong(1);
        }
        boolean ok = rows == unique && service.persisted() == unique && service.duplicates() == duplicates;
        String check = String.format(Locale.ROOT,
                "%s rows stored for %s unique events; %s persisted and %s duplicates reported (expected %s)",
                Format.count(rows), Format.count(unique), Format.count(service.persisted()), Format.count(service.duplicates()),
                Format.count(duplicates));
        section.data("storedRows" + pass, rows).data("storedCheck" + pass, ok);
        if (ok) {
            Say.step("Stored exactly once: " + check);
        } else {
            Say.loud("STORED ROWS DO NOT MATCH: " + check);
            section.note("**Stored rows do not match the records sent" + (pass.isEmpty() ? "" : " (pass " + pass + ")") + "**: " + check);
        }
        section.data("storedCheckDetail" + pass, check);
    }

    private void report(Section section, IngestRecords records, ServiceRun s, Baselines.Run naive, Baselines.Run copy) {
        section.table("measurement", "value");
        section.row("records published", Format.count(records.size()) + " (" + Format.count(records.unique()) + " unique + "
                + Format.count(records.size() - records.unique()) + " exact duplicates), 6 partitions, keyed by event id; event times "
                + (options.history()
                        ? "over the last 30 days (history replay)"
                        : "those of a live stream at " + Format.count(LIVE_RATE) + " events/s"));
        section.row("**Tokenmeter ingest service**, first → last commit",
                Format.number(s.rate()) + " events/s (" + Format.duration(s.took()) + ")");
        section.row("Tokenmeter, steady part (20% → 90% committed)", Format.number(s.steadyRate()) + " events/s");
        section.row("naive baseline (INSERT + commit per event)", Format.number(naive.perSecond()) + " events/s ("
                + Format.count(naive.records()) + " records in " + Format.duration(naive.took()) + ")");
        section.row("COPY ceiling (unindexed table)", Format.number(copy.perSecond()) + " rows/s (" + Format.duration(copy.took()) + ")");
        section.row("ingest peak heap used",
                Format.number(s.peakHeapMb()) + " MB (of -Xmx" + BenchStack.INGEST_HEAP + "; sampled every 0.5 s)");
        section.row("ingest peak RSS (VmHWM)", Format.number(s.peakRssMb()) + " MB");
        section.row("batch latency p50 / p99", opt(s.batchP50Ms()) + " / " + opt(s.batchP99Ms()) + " ms (" + Format.count(s.batches())
                + " batches, " + Format.number(s.meanBatch()) + " records each on average)");
        section.row("CPU per stored event (cores × first → last commit ÷ events)", cpuPerEvent(s));
        section.row("WAL written per stored event (start → last commit)", Format.number(s.walBytes() / (double) Math.max(1, s.persisted()))
                + " bytes (" + Format.number(s.walBytes() / 1048576.0) + " MB in all)");
        section.compare(new Comparison("ingest vs naive INSERT per event", "events/s", s.rate(), "naive INSERT", naive.perSecond(), false));
        section.compare(new Comparison("ingest vs COPY ceiling", "events/s", s.rate(), "COPY, unindexed", copy.perSecond(), false));
        section.target(new TargetCheck("ingest ≥ 50 000 events/s sustained", s.rate(), 50_000, false, "events/s"));
        section.target(new TargetCheck("ingest ≥ 20× the naive baseline", s.rate() / naive.perSecond(), 20, false, "×"));
        section.target(new TargetCheck("ingest ≥ 30% of the COPY ceiling", 100 * s.rate() / copy.perSecond(), 30, false, "%"));
        section.target(new TargetCheck("ingest heap ≤ 512 MB", s.peakHeapMb(), 512, true, "MB"));
        section.note("Where the CPU went while the service ingested: " + CpuMeter.describe(s.cores()) + ".");
        section.note("What PostgreSQL's sessions were doing (sampled every 50 ms): " + s.waits() + ".");
        if (!s.statements().isEmpty()) {
            DbStatements.Statement top = s.statements().get(0);
            double perBatch = top.meanMs() * top.calls() / Math.max(1, s.batches());
            section.note(String.format(Locale.ROOT, "What limits it: a batch is one transaction (the tenants' shared locks, the key claim, "
                    + "the new events by COPY, one rollup statement, conflicts if any; tokenmeter.ingest.writers batches at once) "
                    + "while the next are priced; its costliest statement takes %s ms per batch of %s records on average "
                    + "(lock waits included), %s µs of database time per record; batch latency p50 %s ms, queueing in the "
                    + "pipeline included.",
                    Format.number(perBatch), Format.number(s.meanBatch()), Format.number(perBatch * 1000 / Math.max(1, s.meanBatch())),
                    s.batchP50Ms() == null ? "?" : Format.number(s.batchP50Ms())));
        }
        section.note(s.steps().describe(s.msPerBatch()));
        section.data("batchStepsMs", s.steps().perBatchMs());
        statementNotes(section, "Database time", s.statements());
        section.note("The baselines read the records from memory, not from Kafka, and run after the ingest service is idle: "
                + "they are given every advantage. The naive baseline stops after " + options.naiveBudget().toSeconds()
                + " s; its rate is flat (each event costs one round trip and one WAL flush).");
        section.data("ingest", new PassFigures.WithBaselines(records.size(), records.unique(), figures(s), naive.perSecond(),
                naive.records(), copy.perSecond()));
    }

    private static PassFigures figures(ServiceRun run) {
        return new PassFigures(run.rate(), run.steadyRate(), run.took().toMillis() / 1000.0, run.peakHeapMb(), run.peakRssMb(),
                run.batchP50Ms(), run.batchP99Ms(), run.batches(), run.meanBatch(), run.cores(), run.waits(), run.walBytes(),
                cpuMicrosPerEvent(run, "ingest service"), cpuMicrosPerEvent(run, "PostgreSQL"));
    }

    /** One note per costliest statement of a pass. */
    private static void statementNotes(Section section, String label, List<DbStatements.Statement> statements) {
        for (DbStatements.Statement st : statements) {
            section.note(String.format(Locale.ROOT, "%s: %s calls, %s ms in total, %s ms each: `%s`", label, Format.count(st.calls()),
                    Format.number(st.totalMs()), Format.number(st.meanMs()), st.brief(140)));
        }
    }

    /** CPU microseconds per stored event of one part of the stack over the measured window: does not depend on how busy the machine is. */
    private static double cpuMicrosPerEvent(ServiceRun run, String part) {
        return run.cores().getOrDefault(part, 0.0) * run.took().toNanos() / 1e3 / Math.max(1, run.persisted());
    }

    private static String cpuPerEvent(ServiceRun run) {
        return String.format(Locale.ROOT, "ingest service %s µs, PostgreSQL %s µs, Kafka %s µs",
                Format.number(cpuMicrosPerEvent(run, "ingest service")), Format.number(cpuMicrosPerEvent(run, "PostgreSQL")),
                Format.number(cpuMicrosPerEvent(run, "Kafka broker")));
    }

    /** The A/B pass beside the main one: same records, same machine load window, same baselines. */
    private void compare(Section section, ServiceRun a, ServiceRun b, Baselines.Run naive, Baselines.Run copy) {
        String text = String.format(Locale.ROOT, "A/B in this run — A (the defaults, above) vs B (%s), each on emptied tables: "
                + "%s vs %s events/s first → last commit (A/B %s×; steady %s vs %s); %s× vs %s× naive; %s vs %s of COPY; "
                + "batch p99 %s vs %s ms (%s vs %s records per batch); CPU per stored event A: %s; B: %s; WAL %s vs %s bytes per event; peak heap %s vs %s MB, RSS %s vs %s MB; "
                + "CPU A: %s; CPU B: %s; database sessions A: %s; B: %s.",
                options.compareEnv(), Format.number(a.rate()), Format.number(b.rate()), Format.ratio(a.rate() / b.rate()),
                Format.number(a.steadyRate()), Format.number(b.steadyRate()),
                Format.ratio(a.rate() / naive.perSecond()), Format.ratio(b.rate() / naive.perSecond()),
                Format.percent(a.rate() / copy.perSecond()), Format.percent(b.rate() / copy.perSecond()),
                opt(a.batchP99Ms()), opt(b.batchP99Ms()), Format.number(a.meanBatch()), Format.number(b.meanBatch()),
                cpuPerEvent(a), cpuPerEvent(b),
                Format.number(a.walBytes() / (double) Math.max(1, a.persisted())),
                Format.number(b.walBytes() / (double) Math.max(1, b.persisted())),
                Format.number(a.peakHeapMb()), Format.number(b.peakHeapMb()), Format.number(a.peakRssMb()), Format.number(b.peakRssMb()),
                CpuMeter.describe(a.cores()), CpuMeter.describe(b.cores()), a.waits(), b.waits());
        Say.step(text);
        section.note(text);
        section.note("B: " + b.steps().describe(b.msPerBatch()));
        section.data("comparedBatchStepsMs", b.steps().perBatchMs());
        statementNotes(section, "Database time (B)", b.statements());
        section.data("compared", new PassFigures.Compared(options.compareEnv(), figures(b)));
    }

    private static String opt(@Nullable Double value) {
        return value == null ? "–" : Format.number(value);
    }
}
