package dev.tokenmeter.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code bench/run} was asked to do. The quick mode keeps every part but shrinks the data, so
 * the whole run fits in five minutes on two shared cores; the full mode uses the sizes.
 *
 * @param ingestEvents      records pre-published for the ingest part, duplicates included
 * @param duplicateShare    share of those records that repeat an earlier one (same payload)
 * @param ingestHistory     ingest event times spread over the last 30 days (a replay of the demo history) instead of
 *                          a live stream at the target rate (the records' times within records ÷ 50 000 s before now)
 * @param naiveBudget       the naive baseline stops after this long (its rate is flat: one round trip and commit per event)
 * @param queryEvents       events of the query dataset, over {@code queryDays} days
 * @param apiRuns           timed requests per query through the HTTP API, after {@code warmups}
 * @param baselineRuns      timed runs per query of the raw-SQL baseline (each scans the whole range)
 * @param freshnessRate     background events per second during the freshness part
 * @param ingestCompare     environment of a second ingest pass on the same records in the same run (A/B), empty for none
 * @param queryIngestRate   events per second the ingest service takes while the queries are timed a second time (0: not)
 * @param dashboardRuns     cold page loads of the overview
 * @param rebuildFunction   build the query dataset's rollups with the schema's rebuild_usage_rollups over the whole range
 * @param profile           also record where time goes in detail: auto_explain plans (with timings) of slow
 *                          statements in postgres.log, a JFR recording of the ingest service (slows both a little)
 */
record BenchOptions(boolean quick, Set<Part> parts, int ingestEvents, double duplicateShare, boolean ingestHistory, Duration naiveBudget,
        int queryEvents, int queryDays, int apiRuns, int warmups, int baselineRuns,
        Map<String, String> ingestCompare, int freshnessRate, Duration freshnessDuration, int queryIngestRate, int dashboardRuns,
        boolean profile, boolean rebuildFunction,
        Path repo, Path out, Duration soak, int soakRate, Duration chaosEvery) {

    enum Part {
        INGEST, QUERIES, FRESHNESS, DASHBOARD,
        /** Only with {@code --soak DURATION}: a long steady load under faults. */
        SOAK;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = """
            bench/run [--quick] [--parts ingest,queries,freshness,dashboard] [--ingest-events N] [--query-events N]
                      [--freshness-rate N] [--freshness-seconds N] [--query-ingest-rate N] [--runs N] [--rollups bulk|rebuild] [--ingest-times live|history]
                      [--ingest-compare K=V[,K=V]] [--profile]
            bench/run --soak DURATION [--soak-rate N] [--chaos-every DURATION]
              --quick              about 6 minutes: 500 000 ingest events, 300 000 query events, 20 000 events/s for 30 s
              (full, the default)  1 000 000 ingest events, 10 000 000 query events over 90 days, 20 000 events/s for 60 s
              --ingest-compare K=V[,K=V]  ingest the same backlog a second time in the same run, on emptied
                                   tables, with these environment variables (e.g. TOKENMETER_INGEST_RAWROWS=arrays):
                                   an A/B comparison under the same machine load
              --query-ingest-rate N  the queries are timed a second time while ingest takes N events/s (default 20 000)
              --parts              run only these parts (default: all four)
              --ingest-events N, --query-events N, --freshness-rate N, --freshness-seconds N, --runs N (API runs per query)
                                   override one size of the mode (the report states every size used)
              --ingest-times history  ingest events spread over the last 30 days (the demo history replayed: every
                                   event lands in rollup rows of its own) instead of a live stream at 50 000 events/s
              --rollups rebuild    build the query dataset's rollups with the schema's rebuild_usage_rollups (slow:
                                   ~10 min per million events here) instead of the bulk SQL checked against it
              --profile            also log plans with timings of slow statements (auto_explain, postgres.log) and
                                   record the ingest service with JFR (bench/target/data/logs); slows both a little
              --soak 30m           only the soak: N records/s (--soak-rate, default 2000) for the duration while, every
                                   --chaos-every (default 3m), in turn the broker is killed and restarted, the ingest
                                   service is killed and restarted, its database connections are terminated; reports
                                   heap, RSS, lag and dead letters over time (bench/target/soak.png) and exact totals
            Writes bench/target/report.md, report.json and report.png; logs and data go to bench/target/data.""";

    static BenchOptions parse(List<String> args, Path repo) {
        boolean quick = args.contains("--quick");
        boolean profile = args.contains("--profile");
        Set<Part> parts = EnumSet.of(Part.INGEST, Part.QUERIES, Part.FRESHNESS, Part.DASHBOARD);
        Map<String, String> values = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(args);
        rest.remove("--quick");
        rest.remove("--profile");
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("help");
            }
            if (!arg.startsWith("--") || i + 1 >= rest.size()) {
                throw new IllegalArgumentException("unknown or incomplete option: " + arg);
            }
            values.put(arg.substring(2), rest.get(++i));
        }
        String partList = values.remove("parts");
        if (partList != null) {
            parts = EnumSet.noneOf(Part.class);
            for (String p : partList.split(",")) {
                parts.add(Part.valueOf(p.strip().toUpperCase(Locale.ROOT)));
            }
        }
        int ingest = integer(values, "ingest-events", quick ? 500_000 : 1_000_000);
        int query = integer(values, "query-events", quick ? 300_000 : 10_000_000);
        int rate = integer(values, "freshness-rate", 20_000);
        int queryIngestRate = integer(values, "query-ingest-rate", 20_000);
        int seconds = integer(values, "freshness-seconds", quick ? 30 : 60);
        int runs = integer(values, "runs", 30);
        Duration soak = duration(values, "soak", Duration.ZERO);
        int soakRate = integer(values, "soak-rate", 2_000);
        Duration chaosEvery = duration(values, "chaos-every", Duration.ofMinutes(3));
        if (!soak.isZero()) {
            parts = EnumSet.of(Part.SOAK);
        }
        String rollups = values.remove("rollups");
        if (rollups != null && !rollups.equals("bulk") && !rollups.equals("rebuild")) {
            throw new IllegalArgumentException("--rollups is bulk or rebuild, not " + rollups);
        }
        Map<String, String> compare = new java.util.LinkedHashMap<>();
        String compareList = values.remove("ingest-compare");
        if (compareList != null) {
            for (String pair : compareList.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--ingest-compare takes K=V pairs separated by commas, not " + pair);
                }
                compare.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        String times = values.remove("ingest-times");
        if (times != null && !times.equals("live") && !times.equals("history")) {
            throw new IllegalArgumentException("--ingest-times is live or history, not " + times);
        }
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option: --" + values.keySet().iterator().next());
        }
        return new BenchOptions(quick, parts, ingest, 0.05, "history".equals(times), Duration.ofSeconds(quick ? 10 : 30),
                query, 90, runs, quick ? 5 : 10, 3,
                Map.copyOf(compare), rate, Duration.ofSeconds(seconds), queryIngestRate, quick ? 3 : 5, profile, "rebuild".equals(rollups),
                repo, repo.resolve("bench/target"),
                soak, soakRate, chaosEvery);
    }

    private static int integer(Map<String, String> values, String key, int fallback) {
        String value = values.remove(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.replace("_", ""));
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " needs a positive integer, not " + value);
        }
    }

    /** A duration like {@code 30m}, {@code 90s} or {@code 1h}. */
    private static Duration duration(Map<String, String> values, String key, Duration fallback) {
        String value = values.remove(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration parsed = Duration.parse("PT" + value.strip().toUpperCase(Locale.ROOT));
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException();
            }
            return parsed;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + key + " needs a duration like 30m, 90s or 1h, not " + value);
        }
    }

    boolean runs(Part part) {
        return parts.contains(part);
    }

    String mode() {
        return quick ? "quick" : "full";
    }

    /** Every size, for the report. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode());
        m.put("parts", parts.stream().map(Part::id).toList());
        m.put("ingest records (incl. duplicates)", ingestEvents);
        m.put("ingest duplicate share", duplicateShare);
        m.put("ingest event times", ingestHistory ? "the last 30 days (history replay)" : "live: the last records ÷ 50 000 s");
        m.put("naive baseline time budget (s)", naiveBudget.toSeconds());
        m.put("query dataset events", queryEvents);
        m.put("query dataset days", queryDays);
        m.put("API timed runs per query (after warm-up)", apiRuns);
        m.put("API warm-up runs per query", warmups);
        m.put("raw SQL baseline timed runs per query", baselineRuns);
        if (!ingestCompare.isEmpty()) {
            m.put("ingest A/B pass with", ingestCompare.toString());
        }
        m.put("freshness background rate (events/s)", freshnessRate);
        m.put("ingest rate while the queries are timed again (events/s)", queryIngestRate);
        m.put("freshness duration (s)", freshnessDuration.toSeconds());
        m.put("dashboard cold loads", dashboardRuns);
        m.put("query dataset rollups built by",
                rebuildFunction ? "rebuild_usage_rollups(from, to)" : "bulk SQL, checked against rebuild_usage_rollups on one day");
        m.put("profiling (auto_explain, JFR)", profile);
        if (!soak.isZero()) {
            m.put("soak duration", soak.toString());
            m.put("soak rate (records/s)", soakRate);
            m.put("fault every", chaosEvery.toString());
        }
        return m;
    }
}
