package dev.tokenmeter.bench.query;

import dev.tokenmeter.bench.BenchStack;
import dev.tokenmeter.bench.CpuMeter;
import dev.tokenmeter.bench.DbStatements;
import dev.tokenmeter.bench.Http;
import dev.tokenmeter.bench.Say;
import dev.tokenmeter.bench.freshness.BackgroundLoad;
import dev.tokenmeter.bench.freshness.FreshnessBench;
import dev.tokenmeter.bench.ingest.TopicLoader;
import dev.tokenmeter.bench.report.Comparison;
import dev.tokenmeter.bench.report.Format;
import dev.tokenmeter.bench.report.Section;
import dev.tokenmeter.bench.report.Stats;
import dev.tokenmeter.bench.report.TargetCheck;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Part 2: the dashboard's questions over the query dataset, each timed through the real query
 * service's HTTP API and, on the same data, as plain SQL over the raw events; both answers must
 * agree (requests and cost of every bucket or row, the page's event ids and total).
 */
public final class QueryBench {

    private static final String NEW_YORK = "America/New_York";
    private static final String PROJECT = "project-07";
    private static final int PAGE = 50;
    private static final int DEEP_PAGE = 50;
    private static final int BREAKDOWN_LIMIT = 10;
    private static final Duration LOAD_WARM_UP = Duration.ofSeconds(5);

    /**
     * The sizes this part needs.
     *
     * @param ingestRate events/s the ingest service takes while every question is timed a second time
     *                   (0: not timed under ingest)
     */
    public record Options(int events, int days, int apiRuns, int warmups, int baselineRuns, boolean rebuildFunction, int ingestRate) {
    }

    /** One question's timings and verdict; {@code underIngest} is filled in by the second pass. */
    private record Result(Question question, String url, Stats api, Stats baseline, double dbMsPerRequest,
            List<DbStatements.Statement> statements, @Nullable String mismatch, @Nullable Stats underIngest) {

        Result withUnderIngest(Stats stats) {
            return new Result(question, url, api, baseline, dbMsPerRequest, statements, mismatch, stats);
        }
    }

    /** The second pass: while ingest takes a steady load, what it achieved and where the CPU went. */
    private record UnderIngest(double achievedRate, long lag, Map<String, Double> cores) {
    }

    private final BenchStack stack;
    private final Options options;
    private final Http http;

    public QueryBench(BenchStack stack, Options options) {
        this.stack = stack;
        this.options = options;
        this.http = new Http(stack.operatorKey());
    }

    public boolean run(Section section) throws Exception {
        Say.step("Starting the query service (its jar, a child process, -Xmx512m as in the local stack) ...");
        long t = System.nanoTime();
        stack.query();
        Say.step("Query service ready after " + Format.duration(Duration.ofNanos(System.nanoTime() - t)));
        Say.step(String.format(Locale.ROOT, "Loading %s events over %d days (tenant %s) through the bulk path ...",
                Format.count(options.events()), options.days(), QueryDataset.TENANT));
        QueryDataset.Loaded data = new QueryDataset(stack).load(options.events(), options.days(), options.rebuildFunction());
        List<Result> results = new ArrayList<>();
        for (Question question : questions()) {
            results.add(measure(question));
        }
        // Timed before the under-ingest pass: after it, ingest still drains that pass's backlog for minutes.
        Stats budgetCheck = budgetCheck(section);
        UnderIngest underIngest = options.ingestRate() > 0 ? underIngest(results) : null;
        report(section, data, results, underIngest);
        if (budgetCheck != null) {
            section.target(new TargetCheck("budgets/check p95 ≤ 10 ms", budgetCheck.p95(), 10, true, "ms"));
            section.data("budgetCheck", Map.of("p50", budgetCheck.p50(), "p95", budgetCheck.p95(), "n", budgetCheck.n()));
        }
        return results.stream().allMatch(r -> r.mismatch() == null) && (data.check() == null || data.check().identical());
    }

    /**
     * {@code GET /budgets/check} for a call of the loaded tenant under a hard budget on one project, timed
     * like the questions (issue #20's target: p95 ≤ 10 ms). With the service's defaults: the answer is
     * cached per tenant for 1 s, so most of these calls are answered from memory and one a second reads
     * the database.
     */
    private @Nullable Stats budgetCheck(Section section) throws Exception {
        String budgets = stack.queryUrl() + "/api/v1/budgets";
        Http.Answer created = http.post(budgets + "?tenant=" + QueryDataset.TENANT, """
                {"name": "bench hard cap", "scope": {"project": ["%s"]}, "period": "month", "limitUsd": 1000000, "hard": true}"""
                .formatted(PROJECT));
        if (created.status() != 201) {
            section.note("budgets/check not measured: creating its hard budget answered HTTP " + created.status());
            return null;
        }
        String url = budgets + "/check?tenant=" + QueryDataset.TENANT + "&project=" + PROJECT + "&model=gpt-4o";
        for (int i = 0; i < options.warmups(); i++) {
            http.ok(url);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < options.apiRuns(); i++) {
            millis.add(http.ok(url).millis());
        }
        Stats stats = Stats.of(millis);
        Say.step(String.format(Locale.ROOT, "budgets/check: p50 %s ms, p95 %s ms", Format.number(stats.p50()), Format.number(stats.p95())));
        return stats;
    }

    private List<Question> questions() {
        RawSql.Range utc90 = days(90, "UTC");
        RawSql.Range ny90 = days(90, NEW_YORK);
        RawSql.Range utc7 = days(7, "UTC");
        String tenant = "tenant=" + QueryDataset.TENANT;
        return List.of(
                new Question("summary, 90 days", "/usage/summary?" + tenant + "&range=90d", false,
                        c -> RawSql.summary(c, utc90), QueryBench::summaryFacts),
                new Question("timeline by day, 90 days, America/New_York", "/usage/timeline?" + tenant + "&range=90d&bucket=day&tz="
                        + NEW_YORK, false, c -> RawSql.timeline(c, ny90, "day", NEW_YORK), QueryBench::timelineFacts),
                new Question("timeline by hour, 7 days", "/usage/timeline?" + tenant + "&range=7d&bucket=hour", false,
                        c -> RawSql.timeline(c, utc7, "hour", "UTC"), QueryBench::timelineFacts),
                new Question("breakdown by model, 90 days", "/usage/breakdown?" + tenant + "&range=90d&by=model", false,
                        c -> RawSql.breakdown(c, utc90, "model", null, BREAKDOWN_LIMIT), QueryBench::breakdownFacts),
                new Question("breakdown by project, 90 days", "/usage/breakdown?" + tenant + "&range=90d&by=project", false,
                        c -> RawSql.breakdown(c, utc90, "project", null, BREAKDOWN_LIMIT), QueryBench::breakdownFacts),
                new Question("breakdown by API key, 90 days", "/usage/breakdown?" + tenant + "&range=90d&by=apiKey", false,
                        c -> RawSql.breakdown(c, utc90, "api_key", null, BREAKDOWN_LIMIT), QueryBench::breakdownFacts),
                new Question("breakdown by user, 90 days", "/usage/breakdown?" + tenant + "&range=90d&by=user", false,
                        c -> RawSql.breakdown(c, utc90, "user_id", null, BREAKDOWN_LIMIT), QueryBench::breakdownFacts),
                new Question("breakdown by model of one project, 90 days", "/usage/breakdown?" + tenant + "&range=90d&by=model&project="
                        + PROJECT, false, c -> RawSql.breakdown(c, utc90, "model", PROJECT, BREAKDOWN_LIMIT), QueryBench::breakdownFacts),
                new Question("event log page 1 by cost, 90 days", "/usage/events?" + tenant + "&range=90d&sort=cost", true,
                        c -> RawSql.page(c, utc90, 0, PAGE), QueryBench::pageFacts),
                new Question("event log page " + DEEP_PAGE + " by cost, 90 days (nextCursor)", "/usage/events?" + tenant
                        + "&range=90d&sort=cost", true, c -> RawSql.page(c, utc90, (DEEP_PAGE - 1) * PAGE, PAGE), QueryBench::pageFacts));
    }

    /** The range the API means by {@code range=Nd} in {@code zone}: N local days ending at the next local midnight. */
    private static RawSql.Range days(int n, String zone) {
        ZoneId id = ZoneId.of(zone);
        LocalDate tomorrow = LocalDate.now(id).plusDays(1);
        return new RawSql.Range(tomorrow.minusDays(n).atStartOfDay(id).toInstant(), tomorrow.atStartOfDay(id).toInstant());
    }

    private Result measure(Question question) throws Exception {
        String url = stack.queryUrl() + "/api/v1" + question.apiQuery();
        if (question.name().startsWith("event log page " + DEEP_PAGE)) {
            url = deepPage(url);
        }
        List<String> apiFacts = question.facts().of(http.ok(url).json());
        for (int i = 1; i < options.warmups(); i++) {
            http.ok(url);
        }
        DbStatements.reset(stack);
        List<Double> api = new ArrayList<>();
        for (int i = 0; i < options.apiRuns(); i++) {
            api.add(http.ok(url).millis());
        }
        double dbMs = DbStatements.totalMs(stack) / options.apiRuns();
        List<DbStatements.Statement> statements = DbStatements.top(stack, 3);
        List<String> sqlFacts;
        List<Double> baseline = new ArrayList<>();
        try (Connection c = stack.jdbc()) {
            sqlFacts = question.baseline().answer(c); // warm-up, and the answer to compare
            for (int i = 0; i < options.baselineRuns(); i++) {
                long start = System.nanoTime();
                question.baseline().answer(c);
                baseline.add((System.nanoTime() - start) / 1e6);
            }
        }
        String mismatch = compare(apiFacts, sqlFacts);
        Stats apiStats = Stats.of(api);
        Stats sqlStats = Stats.of(baseline);
        String line = String.format(Locale.ROOT,
                "%s: API p50 %s ms, p95 %s ms (DB %s ms/request) · raw SQL p50 %s ms · %s× faster at p95 · %s",
                question.name(), Format.number(apiStats.p50()), Format.number(apiStats.p95()), Format.number(dbMs),
                Format.number(sqlStats.p50()), Format.ratio(sqlStats.p95() / apiStats.p95()),
                mismatch == null ? "answers agree (" + apiFacts.size() + " facts)" : "ANSWERS DIFFER");
        if (mismatch == null) {
            Say.step(line);
        } else {
            Say.loud(line + ": " + mismatch);
        }
        return new Result(question, url, apiStats, sqlStats, dbMs, statements, mismatch, null);
    }

    /**
     * Times every question again while the ingest service takes the demo generator's events at
     * {@code ingestRate} (another tenant, so the answers do not move): what ingest costs the
     * dashboard when both share the cores. The load generator runs in this harness.
     */
    private UnderIngest underIngest(List<Result> results) throws Exception {
        try (Admin admin = TopicLoader.admin(stack.bootstrap())) {
            TopicLoader.createTopic(admin, BenchStack.TOPIC);
        }
        stack.ingest(Map.of());
        Say.step(String.format(Locale.ROOT, "Timing every question again while ingest takes %s events/s ...",
                Format.count(options.ingestRate())));
        CpuMeter cpu = new CpuMeter(stack);
        CpuMeter.Reading start;
        CpuMeter.Reading end;
        double achieved;
        try (KafkaProducer<String, byte[]> producer = TopicLoader.producer(stack.bootstrap(), 5)) {
            BackgroundLoad load = new BackgroundLoad(producer, options.ingestRate(),
                    "query-bg-" + Long.toString(System.currentTimeMillis(), 36) + "-");
            try {
                Thread.sleep(LOAD_WARM_UP.toMillis());
                start = cpu.read();
                for (int i = 0; i < results.size(); i++) {
                    Result r = results.get(i);
                    List<Double> api = new ArrayList<>();
                    for (int run = 0; run < options.apiRuns(); run++) {
                        api.add(http.ok(r.url()).millis());
                    }
                    Stats stats = Stats.of(api);
                    results.set(i, r.withUnderIngest(stats));
                    Say.step(String.format(Locale.ROOT, "%s under ingest: API p50 %s ms, p95 %s ms (idle p95 %s ms)", r.question().name(),
                            Format.number(stats.p50()), Format.number(stats.p95()), Format.number(r.api().p95())));
                }
                end = cpu.read();
            } finally {
                load.close();
            }
            achieved = load.achievedRate();
        }
        return new UnderIngest(achieved, FreshnessBench.lag(stack), CpuMeter.cores(start, end));
    }

    /** Follows nextCursor from page 1 to the deep page and answers that page's URL. */
    private String deepPage(String first) throws Exception {
        String url = first;
        for (int page = 1; page < DEEP_PAGE; page++) {
            JsonNode answer = http.ok(url).json();
            JsonNode next = answer.get("nextCursor");
            if (next == null || next.isNull()) {
                throw new IllegalStateException("the log has fewer than " + DEEP_PAGE + " pages");
            }
            url = first + "&cursor=" + URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
        }
        return url;
    }

    private static @Nullable String compare(List<String> api, List<String> sql) {
        if (api.equals(sql)) {
            return null;
        }
        for (int i = 0; i < Math.max(api.size(), sql.size()); i++) {
            String a = i < api.size() ? api.get(i) : "(nothing)";
            String b = i < sql.size() ? sql.get(i) : "(nothing)";
            if (!Objects.equals(a, b)) {
                return String.format(Locale.ROOT, "fact %d of %d/%d: API says %s, raw SQL says %s", i + 1, api.size(), sql.size(), a, b);
            }
        }
        return "different";
    }

    private static List<String> summaryFacts(JsonNode s) {
        JsonNode previous = s.path("previous");
        return List.of("requests=" + s.get("requests").asLong(), "cost=" + RawSql.money(s.get("costUsd").decimalValue()),
                "previous requests=" + previous.path("requests").asLong(),
                "previous cost=" + RawSql.money(previous.path("costUsd").decimalValue()));
    }

    private static List<String> timelineFacts(JsonNode t) {
        List<String> facts = new ArrayList<>();
        for (JsonNode bucket : t.get("buckets").values()) {
            long requests = bucket.get("requests").asLong();
            if (requests > 0) {
                long start = OffsetDateTime.parse(bucket.get("start").asString()).toEpochSecond();
                facts.add(start + "|" + requests + "|" + RawSql.money(bucket.get("costUsd").decimalValue()));
            }
        }
        return facts;
    }

    private static List<String> breakdownFacts(JsonNode b) {
        List<String> facts = new ArrayList<>();
        for (JsonNode row : b.get("rows").values()) {
            // A row without a key (events without that dimension) as the baseline's JDBC null prints.
            String key = row.get("key").isNull() ? "null" : row.get("key").asString();
            facts.add(key + "|" + row.get("requests").asLong() + "|" + RawSql.money(row.get("costUsd").decimalValue()));
        }
        JsonNode total = b.get("total");
        facts.add("total|" + total.get("requests").asLong() + "|" + RawSql.money(total.get("costUsd").decimalValue()));
        return facts;
    }

    private static List<String> pageFacts(JsonNode p) {
        List<String> facts = new ArrayList<>();
        for (JsonNode item : p.get("items").values()) {
            facts.add(item.get("id").asString());
        }
        facts.add("total=" + p.get("totalCount").asLong());
        return facts;
    }

    private void report(Section section, QueryDataset.Loaded data, List<Result> results, @Nullable UnderIngest underIngest) {
        String loaded = "API p95 while ingest takes " + Format.count(options.ingestRate()) + " events/s";
        section.table("question", "API p50", "API p95", loaded, "raw SQL p50", "raw SQL p95", "API vs raw SQL (p95)",
                "DB time per API request", "answers");
        for (Result r : results) {
            Stats busy = r.underIngest();
            section.row(r.question().name(), ms(r.api().p50()), ms(r.api().p95()), busy == null ? "not measured" : ms(busy.p95()),
                    ms(r.baseline().p50()), ms(r.baseline().p95()),
                    Format.ratio(r.baseline().p95() / r.api().p95()) + "× faster", ms(r.dbMsPerRequest()),
                    r.mismatch() == null ? "agree" : "**DIFFER**");
            section.compare(new Comparison(r.question().name() + " (p95)", "ms", r.api().p95(),
                    r.question().log() ? "raw SQL, OFFSET + count" : "raw SQL GROUP BY", r.baseline().p95(), true));
            if (r.mismatch() != null) {
                section.note("**MISMATCH** in \"" + r.question().name() + "\": " + r.mismatch());
            }
        }
        List<Result> aggregates = results.stream().filter(r -> !r.question().log()).toList();
        List<Result> pages = results.stream().filter(r -> r.question().log()).toList();
        Result slowest = aggregates.stream().max((a, b) -> Double.compare(a.api().p95(), b.api().p95())).orElseThrow();
        Result weakest = aggregates.stream()
                .min((a, b) -> Double.compare(a.baseline().p95() / a.api().p95(), b.baseline().p95() / b.api().p95())).orElseThrow();
        Result slowestPage = pages.stream().max((a, b) -> Double.compare(a.api().p95(), b.api().p95())).orElseThrow();
        String size = Format.count(data.events()) + " events";
        section.target(
                new TargetCheck("summary, timeline, breakdown p95 ≤ 50 ms over " + size + " (slowest: " + slowest.question().name() + ")",
                        slowest.api().p95(), 50, true, "ms"));
        section.target(new TargetCheck("… and ≥ 50× faster than raw GROUP BY (least: " + weakest.question().name() + ")",
                weakest.baseline().p95() / weakest.api().p95(), 50, false, "×"));
        section.target(new TargetCheck("log pages p95 ≤ 100 ms at any page (slowest: " + slowestPage.question().name() + ")",
                slowestPage.api().p95(), 100, true, "ms"));
        section.note(String.format(Locale.ROOT,
                "Dataset: %s events of tenant %s from %s to %s: 200 API keys (skewed), four per project in 50 projects, "
                        + "each project on three of 15 models, each key on one of a model's two endpoints (20 in all), ~2%% errors, 0.5%% timeouts, "
                        + "caching, reasoning, 4 000 users, tags env and team. Loaded in %s (INSERT … SELECT … FROM generate_series) + %s (rollups: %s) "
                        + "+ %s (VACUUM ANALYZE).",
                Format.count(data.events()), QueryDataset.TENANT, data.from(), data.to(), Format.duration(data.insert()),
                Format.duration(data.rollups()), data.rollupMethod(), Format.duration(data.vacuum())));
        BulkRollups.Check check = data.check();
        if (check != null) {
            section.note(String.format(Locale.ROOT, "%s: the bulk rollups of %s were compared row by row with what the schema's "
                    + "rebuild_usage_rollups writes for that day (%s rows in twelve tables, %s of them the daily rows by user and %s "
                    + "the daily units rows by user, %s). "
                    + "That function took %s for one day of this "
                    + "dataset, about %s for all %d days: the schema's repair path is the slow part of a backfill.",
                    check.identical() ? "Identical" : "**NOT IDENTICAL**", check.day().toString().substring(0, 10),
                    Format.count(check.rows()), Format.count(check.userRows()), Format.count(check.unitUserRows()),
                    check.differences() == 0 ? "no difference" : check.differences() + " rows differ", Format.duration(check.rebuildTook()),
                    Format.duration(check.rebuildTook().multipliedBy(options.days() + 1)), options.days() + 1));
        }
        section.note("Tables after the load: " + data.tables());
        if (underIngest != null) {
            section.note(String.format(Locale.ROOT,
                    "Under ingest: every question timed again (%d requests each, no target) while the ingest "
                            + "service took the demo generator's events of other tenants, %s events/s achieved of %s asked (the generator runs "
                            + "in the bench harness, whose CPU below includes it); %s records not yet stored at the end. CPU meanwhile: %s.",
                    options.apiRuns(), Format.number(underIngest.achievedRate()), Format.count(options.ingestRate()),
                    Format.count(underIngest.lag()), CpuMeter.describe(underIngest.cores())));
            section.data("underIngest", Map.of("rate", options.ingestRate(), "achievedRate", underIngest.achievedRate(),
                    "lag", underIngest.lag(), "cores", underIngest.cores()));
        }
        section.note("API: the real query service over HTTP/1.1 keep-alive, the operator key naming tenant=bench, one request at a time, "
                + options.apiRuns() + " timed requests per question after " + options.warmups()
                + " warm-up requests; times to the last byte. "
                + "Raw SQL: the same question (counts by status, token sums, cost, average and percentile latency, distinct counts, as the API "
                + "answers) with GROUP BY over usage_event through JDBC, " + options.baselineRuns() + " timed runs after one warm-up; "
                + "indexes: primary key (tenant, event_time, id), (tenant, cost_usd, event_time, id), partial on failures. "
                + "The log baseline pages with OFFSET and counts the range, as a plain implementation would.");
        for (Result r : results) {
            boolean missed = r.api().p95() > (r.question().log() ? 100 : 50);
            if (missed && !r.statements().isEmpty()) {
                DbStatements.Statement top = r.statements().get(0);
                section.note(String.format(Locale.ROOT, "Where \"%s\" spends its time: %s ms of database time per request (of %s ms p50); "
                        + "its costliest statement ran %s times per request, %s ms each: `%s`", r.question().name(),
                        Format.number(r.dbMsPerRequest()), Format.number(r.api().p50()),
                        Format.number(top.calls() / (double) options.apiRuns()),
                        Format.number(top.meanMs()), top.brief(220)));
            }
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Result r : results) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("api", r.api());
            q.put("rawSql", r.baseline());
            q.put("dbMsPerRequest", r.dbMsPerRequest());
            if (r.underIngest() != null) {
                q.put("apiUnderIngest", r.underIngest());
            }
            q.put("agree", r.mismatch() == null);
            q.put("mismatch", r.mismatch());
            raw.put(r.question().name(), q);
        }
        section.data("questions", raw);
        section.data("dataset", Map.of("events", data.events(), "from", data.from().toString(), "to", data.to().toString(),
                "insertSeconds", data.insert().toMillis() / 1000.0, "rollupSeconds", data.rollups().toMillis() / 1000.0,
                "rollupMethod", data.rollupMethod(), "rollupsIdenticalToRebuild", check == null ? "not checked" : check.identical(),
                "vacuumSeconds", data.vacuum().toMillis() / 1000.0, "tables", data.tables()));
    }

    private static String ms(double value) {
        return Format.number(value) + " ms";
    }
}
