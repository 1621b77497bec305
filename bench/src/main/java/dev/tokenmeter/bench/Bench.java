package dev.tokenmeter.bench;

import dev.tokenmeter.bench.BenchOptions.Part;
import dev.tokenmeter.bench.dashboard.DashboardBench;
import dev.tokenmeter.bench.freshness.FreshnessBench;
import dev.tokenmeter.bench.ingest.IngestBench;
import dev.tokenmeter.bench.query.QueryBench;
import dev.tokenmeter.bench.soak.SoakBench;
import dev.tokenmeter.bench.report.Format;
import dev.tokenmeter.bench.report.Report;
import dev.tokenmeter.bench.report.Section;
import dev.tokenmeter.deploy.Console;
import dev.tokenmeter.deploy.Log4jConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run}: starts the stack, runs the parts in order (ingest, queries, freshness,
 * dashboard), each beside its baseline, and writes the report, also when a part fails. Exit code
 * 0 when every part ran and every answer agreed with its baseline, 1 otherwise, 2 for bad flags.
 */
public final class Bench {

    /** One part of the benchmark, filling its section of the report. */
    interface PartRun {
        /** Answers false when the part ran but found something wrong (an answer disagreeing with its baseline). */
        boolean run(Section section) throws Exception;
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("tokenmeter.repo", ".")).toAbsolutePath().normalize();
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), repo);
        } catch (IllegalArgumentException e) {
            boolean help = "help".equals(e.getMessage());
            (help ? System.out : System.err).println((help ? "" : e.getMessage() + "\n\n") + BenchOptions.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        Path config = Log4jConfig.write(options.out().resolve("log4j2-bench.properties"), options.out().resolve("bench.log"));
        System.setProperty("log4j2.configurationFile", config.toString());
        System.setProperty("log4j2.shutdownHookEnabled", "false");
        System.exit(run(options));
    }

    private static int run(BenchOptions options) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Report report = new Report(options.mode(), started, Machine.describe(), options.describe());
        BenchStack stack = new BenchStack(options.repo(), System.getenv());
        Thread hook = new Thread(stack::close, "bench-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Say.step("Tokenmeter benchmark, " + options.mode() + " mode: " + options.parts().stream().map(Part::id).toList()
                + " · " + report.machine().get("summary"));
        boolean ok = true;
        try {
            stack.start(options.out().resolve("data"), options.profile());
            report.machine("postgresql",
                    stack.postgresVersion() + " (embedded, zonky; the local stack's settings: fsync on, synchronous_commit on)");
            report.machine("kafka", dev.tokenmeter.deploy.LocalKafka.version() + " (KRaft, one broker process, 512 MB heap)");
            ok &= part(report, options, Part.INGEST, "Ingest throughput",
                    section -> new IngestBench(stack, new IngestBench.Options(options.ingestEvents(), options.duplicateShare(),
                            options.ingestHistory(), options.naiveBudget(), options.profile(), options.ingestCompare())).run(section));
            ok &= part(report, options, Part.QUERIES, "Query latency",
                    section -> new QueryBench(stack, new QueryBench.Options(options.queryEvents(), options.queryDays(), options.apiRuns(),
                            options.warmups(), options.baselineRuns(), options.rebuildFunction(), options.queryIngestRate())).run(section));
            ok &= part(report, options, Part.FRESHNESS, "Freshness",
                    section -> new FreshnessBench(stack, new FreshnessBench.Options(options.freshnessRate(), options.freshnessDuration()))
                            .run(section));
            ok &= part(report, options, Part.SOAK, "Soak under faults",
                    section -> new SoakBench(stack, new SoakBench.Options(options.soak(), options.soakRate(), options.chaosEvery()))
                            .run(section));
            ok &= part(report, options, Part.DASHBOARD, "Dashboard",
                    section -> new DashboardBench(stack,
                            new DashboardBench.Options(options.dashboardRuns(), options.runs(Part.QUERIES), options.quick()))
                            .run(section));
        } catch (Exception e) {
            ok = false;
            Say.loud("The benchmark stack did not start: " + e.getMessage());
            report.add(new Section("Stack")).failed(String.valueOf(e.getMessage()));
        } finally {
            report.machine("load average at end (1 min)", String.format(Locale.ROOT, "%.2f", Proc.loadAverage()));
            report.finished(Duration.ofNanos(System.nanoTime() - t0));
            try {
                List<Path> files = report.write(options.out());
                Say.step("Report: " + files.stream().map(p -> options.repo().relativize(p).toString()).toList()
                        + " (run took " + Format.duration(report.duration()) + ")");
            } catch (Exception e) {
                ok = false;
                Say.loud("Could not write the report: " + e);
            }
            Say.step("Stopping the stack ...");
            stack.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return ok ? 0 : 1;
    }

    private static boolean part(Report report, BenchOptions options, Part part, String title, PartRun run) {
        if (!options.runs(part)) {
            return true;
        }
        Section section = report.add(new Section(title));
        long start = System.nanoTime();
        Say.step("── " + title + " ──");
        try {
            return run.run(section);
        } catch (Exception e) {
            section.failed(e.toString());
            Say.loud(title + " failed: " + e);
            org.slf4j.LoggerFactory.getLogger(Bench.class).error("{} failed", title, e);
            Console.error(stackTop(e));
            return false;
        } finally {
            section.took(Duration.ofNanos(System.nanoTime() - start));
            Say.step(title + " done in " + Format.duration(java.util.Objects.requireNonNull(section.duration())));
        }
    }

    private static String stackTop(Throwable e) {
        StringBuilder text = new StringBuilder();
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
            text.append("    at ").append(trace[i]).append('\n');
        }
        return text.toString();
    }
}
