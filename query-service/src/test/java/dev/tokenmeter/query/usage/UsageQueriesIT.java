package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.latency.LatencyHistogram;
import dev.tokenmeter.query.usage.RawEvents.Event;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.sql.Connection;
import java.time.Clock;
import java.sql.DriverManager;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based: random events across tenants, dimensions, statuses and tags; random ranges,
 * buckets, filters, group-bys and zones (across DST changes) — every aggregate endpoint's numbers
 * equal the same answer recomputed directly from the raw events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789")
@WithInfrastructure
class UsageQueriesIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(UsageQueriesIT.class);
    static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/London", "Asia/Kolkata",
            "Asia/Kathmandu", "Australia/Lord_Howe");
    static final List<Instant[]> WINDOWS = List.of(
            new Instant[] {Instant.parse("2026-02-25T00:00:00Z"), Instant.parse("2026-04-12T00:00:00Z")},
            new Instant[] {Instant.parse("2026-09-28T00:00:00Z"), Instant.parse("2026-11-08T00:00:00Z")});
    /** "Now" for the forecast and the periods: inside the second window, so every period has events. */
    static final Instant NOW = Instant.parse("2026-11-05T12:00:00Z");
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static List<Event> events;

    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    DatabaseClient db;

    @BeforeAll
    static void load(@org.springframework.beans.factory.annotation.Autowired org.flywaydb.core.Flyway flyway) throws Exception {
        events = RawEvents.generate(new Random(11), List.of("acme", "globex", "initech"), WINDOWS, 30_000);
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password())) {
            RawEvents.insert(connection, events, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
        }
    }

    @Test
    void latencyBucketsAreTheSameInSqlAndJava() throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                var statement = connection.prepareStatement("SELECT ms, latency_bucket(ms) FROM generate_series(0, 3600000, 7) ms");
                var rows = statement.executeQuery()) {
            int checked = 0;
            while (rows.next()) {
                assertThat(rows.getInt(2)).as("bucket of %d ms", rows.getInt(1)).isEqualTo(LatencyHistogram.bucket(rows.getInt(1)));
                checked++;
            }
            assertThat(checked).isGreaterThan(500_000);
        }
    }

    @Test
    void everyEndpointAgreesWithTheRawEventsOnRandomQuestions() {
        Random random = new Random(42);
        for (int trial = 0; trial < 160; trial++) {
            Question q = Question.random(random);
            String context = "trial " + trial + " " + q;
            switch (trial % 4) {
                case 0 -> checkSummary(q, context);
                case 1 -> checkTimeline(q, random, context);
                case 2 -> checkBreakdown(q, random, context);
                default -> checkValues(q, random, context);
            }
        }
    }

    @Test
    void tagKeysAreTheKeysOfTheMatchingEventsInTheRangeInCodePointOrder() {
        Instant from = Instant.parse("2026-03-02T05:00:00Z");
        Instant to = Instant.parse("2026-04-04T00:00:00Z");
        for (String provider : List.of("", "openai", "google")) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/v1/usage/tag-keys").queryParam("tenant", "globex")
                    .queryParam("from", from).queryParam("to", to);
            JsonNode answer = get(provider.isEmpty() ? uri : uri.queryParam("provider", provider));
            List<String> expected = events.stream()
                    .filter(e -> e.tenant().equals("globex") && (provider.isEmpty() || e.provider().equals(provider)))
                    .filter(e -> !e.time().isBefore(from) && e.time().isBefore(to))
                    .flatMap(e -> e.tags().keySet().stream()).distinct().sorted().toList();
            List<String> actual = new ArrayList<>();
            answer.get("keys").forEach(k -> actual.add(k.stringValue()));
            if (provider.isEmpty()) {
                assertThat(expected).as("the generated events have the rare keys in this range").contains("Cost.Center", "env", "team");
            }
            assertThat(actual).as("provider " + provider).isEqualTo(expected);
        }
    }

    @Test
    void tenantsListsEveryTenantWithItsUsageInTheRangeForTheOperatorKeyOnly() {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(60))
                .build();
        String created = client.post().uri("/api/v1/keys")
                .header("Authorization", "Bearer op-secret-0123456789abcdef0123456789")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("tenant", "keys-only", "role", "admin", "name", "tenants test"))
                .exchange().expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String adminSecret = JSON.readTree(created).get("secret").stringValue();
        client.get().uri("/api/v1/tenants").header("Authorization", "Bearer " + adminSecret)
                .exchange().expectStatus().isForbidden();

        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant to = Instant.parse("2026-03-10T07:30:00Z");
        JsonNode answer = get(UriComponentsBuilder.fromPath("/api/v1/tenants").queryParam("from", from).queryParam("to", to)
                .queryParam("provider", "openai"));
        List<String> names = new ArrayList<>();
        answer.get("tenants").forEach(t -> names.add(t.get("name").stringValue()));
        assertThat(names).containsExactly("acme", "globex", "initech", "keys-only");
        assertThat(answer.get("truncated").booleanValue()).isFalse();
        for (JsonNode tenant : answer.get("tenants")) {
            String name = tenant.get("name").stringValue();
            List<Event> own = events.stream().filter(e -> e.tenant().equals(name)).toList();
            List<Event> inRange = own.stream()
                    .filter(e -> !e.time().isBefore(from) && e.time().isBefore(to) && e.provider().equals("openai")).toList();
            Expected expected = Expected.of(inRange);
            assertThat(tenant.get("requests").longValue()).as(name + " requests").isEqualTo(expected.requests());
            assertThat(tenant.get("totalTokens").longValue()).as(name + " tokens").isEqualTo(expected.input() + expected.output());
            assertThat(tenant.get("costUsd").decimalValue()).as(name + " cost").isEqualByComparingTo(expected.cost());
            if (own.isEmpty()) {
                assertThat(tenant.get("firstSeen").isNull()).as(name + " first seen").isTrue();
                assertThat(tenant.get("lastSeen").isNull()).as(name + " last seen").isTrue();
            } else {
                assertThat(Instant.parse(tenant.get("firstSeen").stringValue())).as(name + " first seen")
                        .isEqualTo(own.stream().map(Event::time).min(Comparator.naturalOrder()).orElseThrow());
                assertThat(Instant.parse(tenant.get("lastSeen").stringValue())).as(name + " last seen")
                        .isEqualTo(own.stream().map(Event::time).max(Comparator.naturalOrder()).orElseThrow());
            }
        }
        JsonNode first = get(UriComponentsBuilder.fromPath("/api/v1/tenants").queryParam("limit", 2));
        assertThat(first.get("tenants").size()).isEqualTo(2);
        assertThat(first.get("truncated").booleanValue()).isTrue();
    }

    /**
     * Local days, weeks and months in zones off UTC days read each UTC day's rollup row less the
     * rollup rows of the rest of that day: every bucket still equals the raw events.
     */
    @Test
    void timelinesInZonesOffUtcDaysAgreeWithTheRawEvents() {
        Instant[] window = WINDOWS.get(1);
        for (String zoneId : List.of("America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe")) {
            ZoneId zone = ZoneId.of(zoneId);
            LocalDate start = LocalDate.ofInstant(window[0], zone).plusDays(1);
            LocalDate end = LocalDate.ofInstant(window[1], zone);
            for (Map<String, List<String>> filters : List.of(Map.<String, List<String>>of(),
                    Map.of("model", List.of(RawEvents.MODELS[0])))) {
                Question q = new Question(zone, start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(),
                        start.toString(), end.toString(), filters);
                for (String bucket : List.of("day", "week", "month")) {
                    checkTimeline(q, bucket, null, 3, zoneId + " " + bucket + " " + filters);
                }
                checkTimeline(q, "day", "project", 2, zoneId + " day by project " + filters);
            }
        }
    }

    /**
     * {@code compare=previous} adds the period of equal length just before the range, bucketed as a
     * timeline of that period would be, each bucket equal to the raw events; the range's own buckets
     * and series are those of the same timeline without it.
     */
    @Test
    void timelineComparedWithThePreviousPeriodHoldsThatPeriodsBucketsAsTheRawEventsGiveThem() {
        Instant[] window = WINDOWS.get(1);
        for (String zoneId : List.of("UTC", "America/New_York", "Australia/Lord_Howe")) {
            ZoneId zone = ZoneId.of(zoneId);
            LocalDate end = LocalDate.ofInstant(window[1], zone);
            LocalDate start = end.minusDays(12);
            for (Map<String, List<String>> filters : List.of(Map.<String, List<String>>of(),
                    Map.of("model", List.of(RawEvents.MODELS[1])))) {
                Question q = new Question(zone, start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(),
                        start.toString(), end.toString(), filters);
                for (String bucket : List.of("hour", "day", "week")) {
                    String context = zoneId + " " + bucket + " compared " + filters;
                    UriComponentsBuilder uri = q.uri("timeline").queryParam("bucket", bucket).queryParam("compare", "previous");
                    if (bucket.equals("day")) {
                        uri.queryParam("groupBy", "model").queryParam("top", 2);
                    }
                    JsonNode timeline = get(uri);
                    UriComponentsBuilder plain = q.uri("timeline").queryParam("bucket", bucket);
                    if (bucket.equals("day")) {
                        plain.queryParam("groupBy", "model").queryParam("top", 2);
                    }
                    JsonNode alone = get(plain);
                    assertThat(timeline.get("buckets")).as(context + " buckets").isEqualTo(alone.get("buckets"));
                    assertThat(timeline.get("series")).as(context + " series").isEqualTo(alone.get("series"));
                    assertThat(alone.hasNonNull("previous")).as(context + " no previous unless asked").isFalse();
                    Instant before = q.from().minus(Duration.between(q.from(), q.to()));
                    JsonNode previous = timeline.get("previous");
                    assertThat(OffsetDateTime.parse(previous.get("from").stringValue()).toInstant()).as(context + " from")
                            .isEqualTo(before);
                    assertThat(OffsetDateTime.parse(previous.get("to").stringValue()).toInstant()).as(context + " to").isEqualTo(q.from());
                    checkBuckets(q, previous.get("buckets"), before, q.from(), bucket, context + " previous");
                }
            }
        }
    }

    /** The forecast's month to date and last month, and the period strip, at a fixed "now", in zones off UTC too. */
    @Test
    void forecastAndPeriodsAgreeWithTheRawEvents() {
        for (String zoneId : List.of("UTC", "America/New_York", "Asia/Kathmandu")) {
            ZoneId zone = ZoneId.of(zoneId);
            LocalDate today = LocalDate.ofInstant(NOW, zone);
            Instant monthStart = today.withDayOfMonth(1).atStartOfDay(zone).toInstant();
            Instant tomorrow = today.plusDays(1).atStartOfDay(zone).toInstant();
            JsonNode forecast = get(
                    UriComponentsBuilder.fromPath("/api/v1/usage/forecast").queryParam("tenant", "acme").queryParam("tz", zoneId));
            assertPeriod(forecast.get("monthToDate"), monthStart, NOW, zoneId + " month to date");
            assertPeriod(forecast.get("lastMonth"), today.withDayOfMonth(1).minusMonths(1).atStartOfDay(zone).toInstant(), monthStart,
                    zoneId + " last month");
            assertThat(forecast.get("projectedMonthEnd").get("requests").longValue()).as(zoneId + " projection")
                    .isGreaterThan(forecast.get("monthToDate").get("requests").longValue());
            JsonNode periods = get(
                    UriComponentsBuilder.fromPath("/api/v1/usage/periods").queryParam("tenant", "acme").queryParam("tz", zoneId));
            assertPeriod(periods.get("today"), today.atStartOfDay(zone).toInstant(), tomorrow, zoneId + " today");
            assertPeriod(periods.get("thisWeek"),
                    today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone).toInstant(),
                    tomorrow, zoneId + " this week");
            assertPeriod(periods.get("thisMonth"), monthStart, tomorrow, zoneId + " this month");
            assertPeriod(periods.get("allTime"), Instant.EPOCH, tomorrow, zoneId + " all time");
        }
    }

    /** The query service's sessions reuse each prepared statement's plan (see DatabaseSessions). */
    @Test
    void sessionsUseGenericPlans() {
        assertThat(db.sql("SHOW plan_cache_mode").map(row -> row.get(0, String.class)).one().block())
                .isEqualTo("force_generic_plan");
    }

    private static void assertPeriod(JsonNode actual, Instant from, Instant to, String context) {
        List<Event> matching = events.stream()
                .filter(e -> e.tenant().equals("acme") && !e.time().isBefore(from) && e.time().isBefore(to))
                .toList();
        assertThat(matching).as(context + " has events to sum").isNotEmpty();
        Expected expected = Expected.of(matching);
        assertThat(actual.get("requests").longValue()).as(context + " requests").isEqualTo(expected.requests());
        assertThat(actual.get("totalTokens").longValue()).as(context + " totalTokens").isEqualTo(expected.input() + expected.output());
        assertThat(actual.get("costUsd").decimalValue()).as(context + " costUsd").isEqualByComparingTo(expected.cost());
    }

    record Question(ZoneId zone, Instant from, Instant to, String fromParam, String toParam, Map<String, List<String>> filters) {

        static Question random(Random random) {
            ZoneId zone = ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
            Instant[] window = WINDOWS.get(random.nextInt(WINDOWS.size()));
            Instant from;
            Instant to;
            String fromParam;
            String toParam;
            if (random.nextBoolean()) {
                LocalDate start = LocalDate.ofInstant(window[0], zone).plusDays(random.nextInt(30));
                LocalDate end = start.plusDays(1 + random.nextInt(14));
                from = start.atStartOfDay(zone).toInstant();
                to = end.atStartOfDay(zone).toInstant();
                fromParam = start.toString();
                toParam = end.toString();
            } else {
                from = window[0].plusSeconds(random.nextLong(30L * 86_400)).plusMillis(random.nextInt(1000));
                to = from.plusSeconds(600 + random.nextLong(random.nextBoolean() ? 6 * 3600 : 10L * 86_400));
                fromParam = from.atZone(zone).toOffsetDateTime().toString();
                toParam = to.atZone(zone).toOffsetDateTime().toString();
            }
            Map<String, List<String>> filters = new LinkedHashMap<>();
            maybe(random, filters, "provider", RawEvents.PROVIDERS, 0.2);
            maybe(random, filters, "model", RawEvents.MODELS, 0.2);
            maybe(random, filters, "project", RawEvents.PROJECTS, 0.2);
            maybe(random, filters, "apiKey", RawEvents.KEYS, 0.15);
            maybe(random, filters, "endpoint", RawEvents.ENDPOINTS, 0.15);
            maybe(random, filters, "status", RawEvents.STATUSES, 0.2);
            maybe(random, filters, "user", RawEvents.USERS, 0.1);
            maybe(random, filters, "tag.env", new String[] {"prod", "dev"}, 0.1);
            return new Question(zone, from, to, fromParam, toParam, filters);
        }

        private static void maybe(Random random, Map<String, List<String>> filters, String name, String[] values, double p) {
            if (random.nextDouble() < p) {
                List<String> chosen = new ArrayList<>(
                        new TreeSet<>(List.of(Objects.requireNonNullElse(values[random.nextInt(values.length)], "none"),
                                Objects.requireNonNullElse(values[random.nextInt(values.length)], "none"))));
                filters.put(name, chosen);
            }
        }

        Predicate<Event> matches(Instant start, Instant end) {
            return e -> e.tenant().equals("acme") && !e.time().isBefore(start) && e.time().isBefore(end)
                    && filters.entrySet().stream().allMatch(f -> f.getValue().contains(
                            f.getKey().equals("tag.env") ? e.tags().get("env") : e.get(f.getKey())));
        }

        UriComponentsBuilder uri(String path) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/api/v1/usage/" + path)
                    .queryParam("tenant", "acme").queryParam("tz", zone.getId())
                    .queryParam("from", fromParam).queryParam("to", toParam);
            filters.forEach((name, values) -> values.forEach(v -> uri.queryParam(name, v)));
            return uri;
        }
    }

    private void checkSummary(Question q, String context) {
        JsonNode summary = get(q.uri("summary"));
        List<Event> matching = events.stream().filter(q.matches(q.from(), q.to())).toList();
        Expected.of(matching).assertMatches(summary, context);
        Duration length = Duration.between(q.from(), q.to());
        Expected.of(events.stream().filter(q.matches(q.from().minus(length), q.from())).toList())
                .assertMatches(summary.get("previous"), context + " previous");
        assertThat(summary.get("distinct").get("models").longValue()).as(context + " distinct models")
                .isEqualTo(matching.stream().map(Event::model).distinct().count());
        assertThat(summary.get("distinct").get("apiKeys").longValue()).as(context + " distinct apiKeys")
                .isEqualTo(matching.stream().map(Event::apiKey).filter(Objects::nonNull).distinct().count());
        assertThat(summary.get("distinct").get("projects").longValue()).as(context + " distinct projects")
                .isEqualTo(matching.stream().map(Event::project).filter(Objects::nonNull).distinct().count());
        assertThat(summary.get("distinct").get("endpoints").longValue()).as(context + " distinct endpoints")
                .isEqualTo(matching.stream().map(Event::endpoint).filter(Objects::nonNull).distinct().count());
        List<Event> before = events.stream().filter(q.matches(q.from().minus(length), q.from())).toList();
        assertThat(summary.get("previous").get("distinct").get("apiKeys").longValue()).as(context + " previous distinct apiKeys")
                .isEqualTo(before.stream().map(Event::apiKey).filter(Objects::nonNull).distinct().count());
    }

    private void checkTimeline(Question q, Random random, String context) {
        long hours = Duration.between(q.from(), q.to()).toHours();
        String bucket = hours <= 6
                ? (random.nextBoolean() ? "minute" : "hour")
                : List.of("hour", "day", "week", "month").get(random.nextInt(4));
        String groupBy = random.nextInt(3) == 0 ? List.of("model", "project", "user", "tag:env", "status").get(random.nextInt(5)) : null;
        checkTimeline(q, bucket, groupBy, 1 + random.nextInt(3), context);
    }

    private void checkTimeline(Question q, String bucket, String groupBy, int top, String context) {
        UriComponentsBuilder uri = q.uri("timeline").queryParam("bucket", bucket);
        if (groupBy != null) {
            uri.queryParam("groupBy", groupBy).queryParam("top", top);
        }
        JsonNode timeline = get(uri);
        checkBuckets(q, timeline.get("buckets"), q.from(), q.to(), bucket, context);
        if (groupBy != null) {
            checkSeries(q, timeline, groupBy, top, context);
        }
    }

    /** Buckets that run back to back from {@code from} to {@code to}, on local boundaries, each equal to the raw events. */
    private void checkBuckets(Question q, JsonNode buckets, Instant from, Instant to, String bucket, String context) {
        Instant expectedStart = from;
        for (int i = 0; i < buckets.size(); i++) {
            JsonNode point = buckets.get(i);
            OffsetDateTime start = OffsetDateTime.parse(point.get("start").stringValue());
            OffsetDateTime end = OffsetDateTime.parse(point.get("end").stringValue());
            assertThat(start.toInstant()).as(context + " bucket " + i + " is contiguous").isEqualTo(expectedStart);
            assertThat(start.getOffset()).as(context + " offset of " + start).isEqualTo(q.zone().getRules().getOffset(start.toInstant()));
            if (i > 0) {
                assertThat(isBoundary(start.toInstant(), bucket, q.zone()))
                        .as(context + " " + start + " is a local " + bucket + " boundary").isTrue();
            }
            Expected.of(events.stream().filter(q.matches(start.toInstant(), end.toInstant())).toList())
                    .assertMatches(point, context + " bucket " + start);
            expectedStart = end.toInstant();
        }
        assertThat(expectedStart).as(context + " buckets end at to").isEqualTo(to);
    }

    private void checkSeries(Question q, JsonNode timeline, String groupBy, int top, String context) {
        List<Event> matching = events.stream().filter(q.matches(q.from(), q.to())).toList();
        Map<String, List<Event>> byKey = matching.stream().collect(Collectors.groupingBy(e -> String.valueOf(e.get(groupBy))));
        List<String> ranked = byKey.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<Event>> e) -> Expected.of(e.getValue()).cost()).reversed())
                .map(Map.Entry::getKey).toList();
        List<String> topKeys = ranked.subList(0, Math.min(top, ranked.size()));
        JsonNode series = timeline.get("series");
        assertThat(series.size()).as(context + " series count").isEqualTo(topKeys.size() + (ranked.size() > top ? 1 : 0));
        for (int s = 0; s < series.size(); s++) {
            JsonNode one = series.get(s);
            boolean other = one.get("other").booleanValue();
            String key = one.get("key").isNull() ? "null" : one.get("key").stringValue();
            if (!other) {
                assertThat(key).as(context + " series " + s).isEqualTo(topKeys.get(s));
            }
            for (JsonNode point : one.get("points")) {
                Instant start = OffsetDateTime.parse(point.get("start").stringValue()).toInstant();
                Instant end = OffsetDateTime.parse(point.get("end").stringValue()).toInstant();
                Predicate<Event> inKey = e -> other
                        ? !topKeys.contains(String.valueOf(e.get(groupBy)))
                        : String.valueOf(e.get(groupBy)).equals(key);
                Expected.of(matching.stream().filter(q.matches(start, end)).filter(inKey).toList())
                        .assertMatches(point, context + " series " + key + " at " + start);
            }
        }
    }

    private void checkBreakdown(Question q, Random random, String trial) {
        String by = List.of("provider", "model", "project", "apiKey", "endpoint", "status", "user", "tag:env").get(random.nextInt(8));
        String sort = List.of("cost", "requests", "tokens", "errorRate", "latency", "lastSeen").get(random.nextInt(6));
        int limit = 1 + random.nextInt(4);
        boolean percentiles = random.nextInt(3) > 0;
        UriComponentsBuilder uri = q.uri("breakdown").queryParam("by", by).queryParam("sort", sort).queryParam("limit", limit);
        JsonNode breakdown = get(percentiles ? uri : uri.queryParam("percentiles", false));
        String context = trial + (percentiles ? "" : " without percentiles");
        List<Event> matching = events.stream().filter(q.matches(q.from(), q.to())).toList();
        Map<String, List<Event>> groups = new HashMap<>();
        matching.forEach(e -> groups.computeIfAbsent(String.valueOf(e.get(by)), k -> new ArrayList<>()).add(e));
        JsonNode rows = breakdown.get("rows");
        assertThat(rows.size()).as(context + " rows").isEqualTo(Math.min(limit, groups.size()));
        double previousMeasure = Double.MAX_VALUE;
        List<String> shown = new ArrayList<>();
        for (JsonNode row : rows) {
            String key = row.get("key").isNull() ? "null" : row.get("key").stringValue();
            shown.add(key);
            assertThat(groups).as(context + " key " + key).containsKey(key);
            Expected.of(groups.get(key)).assertMatches(row, context + " row " + key, percentiles);
            double measure = measure(sort, row);
            assertThat(measure).as(context + " sorted by " + sort).isLessThanOrEqualTo(previousMeasure);
            previousMeasure = measure;
        }
        List<Event> rest = matching.stream().filter(e -> !shown.contains(String.valueOf(e.get(by)))).toList();
        if (groups.size() > limit) {
            Expected.of(rest).assertMatches(breakdown.get("other"), context + " other", percentiles);
            groups.entrySet().stream().filter(e -> !shown.contains(e.getKey()))
                    .forEach(e -> assertThat(measure(sort, e.getValue())).as(context + " hidden " + e.getKey() + " ranks lower")
                            .isLessThanOrEqualTo(measure(sort, rows.get(rows.size() - 1))));
        } else {
            assertThat(breakdown.get("other").isNull()).as(context + " no other").isTrue();
        }
        Expected.of(matching).assertMatches(breakdown.get("total"), context + " total", percentiles);
    }

    private void checkValues(Question q, Random random, String context) {
        String dimension = List.of("provider", "model", "project", "apiKey", "endpoint", "status", "user", "tag:env")
                .get(random.nextInt(8));
        JsonNode values = get(q.uri("values/" + dimension));
        List<String> expected = events.stream().filter(q.matches(q.from(), q.to())).map(e -> e.get(dimension))
                .filter(Objects::nonNull).distinct().sorted().toList();
        List<String> actual = new ArrayList<>();
        values.get("values").forEach(v -> actual.add(v.stringValue()));
        assertThat(actual).as(context + " values of " + dimension).isEqualTo(expected);
    }

    private static double measure(String sort, JsonNode row) {
        return switch (sort) {
            case "cost" -> row.get("costUsd").doubleValue();
            case "requests" -> row.get("requests").doubleValue();
            case "tokens" -> row.get("totalTokens").doubleValue();
            case "errorRate" -> row.get("errorRate").doubleValue();
            case "lastSeen" -> micros(Instant.parse(row.get("lastSeen").stringValue()));
            default -> row.get("avgLatencyMs").isNull() ? -1 : row.get("avgLatencyMs").doubleValue();
        };
    }

    /** The sort measure of a group of events: the latest event time for lastSeen, else from their totals. */
    private static double measure(String sort, List<Event> group) {
        return sort.equals("lastSeen")
                ? group.stream().mapToDouble(e -> micros(e.time())).max().orElse(-1)
                : measure(sort, Expected.of(group));
    }

    private static double micros(Instant time) {
        return time.getEpochSecond() * 1_000_000.0 + time.getNano() / 1000;
    }

    private static double measure(String sort, Expected e) {
        return switch (sort) {
            case "cost" -> e.cost().doubleValue();
            case "requests" -> e.requests();
            case "tokens" -> e.input() + e.output();
            case "errorRate" -> e.requests() == 0 ? 0 : Math.round((double) (e.errors() + e.timeouts()) / e.requests() * 1e6) / 1e6;
            default -> e.latencies().isEmpty()
                    ? -1
                    : Math.round(e.latencies().stream().mapToLong(Integer::longValue).sum() / (double) e.latencies().size() * 10) / 10.0;
        };
    }

    private static boolean isBoundary(Instant start, String bucket, ZoneId zone) {
        ZonedDateTime local = start.atZone(zone);
        return switch (bucket) {
            case "minute" -> local.getSecond() == 0 && local.getNano() == 0;
            // Or the instant the clocks jump, where they jump by 30 minutes (Lord Howe's 02:00 is 02:30).
            case "hour" -> local.getMinute() == 0 && local.getSecond() == 0 && local.getNano() == 0
                    || start.equals(zone.getRules().nextTransition(start.minusNanos(1)).getInstant());
            case "day" -> start.equals(local.toLocalDate().atStartOfDay(zone).toInstant());
            case "week" -> start.equals(local.toLocalDate().atStartOfDay(zone).toInstant()) && local.getDayOfWeek() == DayOfWeek.MONDAY;
            default -> start.equals(local.toLocalDate().atStartOfDay(zone).toInstant()) && local.getDayOfMonth() == 1;
        };
    }

    private JsonNode get(UriComponentsBuilder uri) {
        return new Api(port).get(uri.build().encode().toUriString(), Api.OPERATOR);
    }
}
