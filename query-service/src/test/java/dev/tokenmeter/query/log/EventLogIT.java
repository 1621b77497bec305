package dev.tokenmeter.query.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.log.LogEvents.Row;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log, recent errors and CSV export through a real HTTP server on a real PostgreSQL, read
 * with the operator key naming a tenant, against the same answers computed in Java from the
 * inserted rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key="
        + EventLogIT.OPERATOR)
@WithInfrastructure
class EventLogIT {

    static final String OPERATOR = "event-log-operator-0123456789abcdef";
    static final Instant FROM = Instant.parse("2026-02-25T00:00:00Z");
    static final Instant TO = Instant.parse("2026-03-05T00:00:00Z");
    static final String RANGE = "from=" + FROM + "&to=" + TO;
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(EventLogIT.class);
    static final List<Row> ACME = new ArrayList<>();
    static final List<Row> GLOBEX = new ArrayList<>();
    /** Acme's events just outside [FROM, TO). */
    static final List<Row> ACME_OUTSIDE = new ArrayList<>();
    static boolean inserted;

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void setUp() throws Exception {
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
                .build();
        if (!inserted) {
            Random random = new Random(20260225);
            ACME.addAll(LogEvents.generate(random, "acme", FROM, TO, 700));
            // Same ids as acme's, different content: a leak would show as a mismatch.
            GLOBEX.addAll(LogEvents.generate(random, "globex", FROM, TO, 300));
            ACME_OUTSIDE.addAll(List.of(
                    LogEvents.row(random, "acme", "ev-before", FROM.minusNanos(1000)),
                    LogEvents.row(random, "acme", "ev-at-to", TO),
                    LogEvents.row(random, "acme", "ev-later", TO.plusSeconds(86_400))));
            try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password())) {
                LogEvents.insert(connection, Stream.of(ACME, GLOBEX, ACME_OUTSIDE).flatMap(List::stream).toList(),
                        FROM.minusSeconds(86_400), TO.plusSeconds(2 * 86_400));
            }
            inserted = true;
        }
    }

    @Test
    void pagingThroughEverySortAndOrderVisitsEveryMatchingEventOnceInOrder() {
        Map<String, Predicate<Row>> filters = Map.of(
                "", row -> true,
                "&provider=openai&provider=anthropic&tag.env=prod",
                row -> !row.provider().equals("google") && "prod".equals(row.tags().get("env")),
                "&status=error&status=timeout&user=u1", row -> !row.status().equals("success") && "u1".equals(row.user()));
        for (String sort : List.of("time", "cost", "totalTokens", "inputTokens", "outputTokens", "latency", "project", "model")) {
            for (String order : List.of("desc", "asc")) {
                filters.forEach((query, filter) -> {
                    List<String> expected = ACME.stream().filter(filter).sorted(order(sort, order)).map(Row::id).toList();
                    int limit = query.isEmpty() ? 37 : 9;
                    assertThat(walk("&sort=" + sort + "&order=" + order + query, limit, expected.size()))
                            .as("sort=%s order=%s filters=%s", sort, order, query)
                            .containsExactlyElementsOf(expected);
                });
            }
        }
    }

    @Test
    void timeDescendingAndFiftyIsTheDefaultOrderAndPageSize() {
        JsonNode page = getJson("/api/v1/usage/events?tenant=acme&" + RANGE);
        List<String> expected = ACME.stream().sorted(order("time", "desc")).limit(50).map(Row::id).toList();
        assertThat(ids(page)).containsExactlyElementsOf(expected);
        assertThat(page.get("totalCount").asLong()).isEqualTo(ACME.size());
        assertThat(page.get("nextCursor").isString()).isTrue();
    }

    @Test
    void totalCountEqualsTheMatchingEventsAcrossRangeEdgesAndFilters() {
        Random random = new Random(7);
        List<Row> sorted = ACME.stream().sorted(Comparator.comparing(Row::time)).toList();
        Map<String, Predicate<Row>> filters = new java.util.LinkedHashMap<>();
        filters.put("", row -> true);
        filters.put("&provider=openai", row -> row.provider().equals("openai"));
        filters.put("&status=error&status=timeout", row -> !row.status().equals("success"));
        filters.put("&model=gpt-4o&status=success", row -> row.model().equals("gpt-4o") && row.status().equals("success"));
        filters.put("&provider=anthropic&provider=google&endpoint=chat.completions",
                row -> !row.provider().equals("openai") && row.endpoint().equals("chat.completions"));
        filters.put("&project=project-1&apiKey=key_2", row -> "project-1".equals(row.project()) && "key_2".equals(row.apiKey()));
        filters.put("&user=u1", row -> "u1".equals(row.user()));
        filters.put("&tag.env=prod&provider=openai", row -> "prod".equals(row.tags().get("env")) && row.provider().equals("openai"));
        for (int trial = 0; trial < 40; trial++) {
            Instant from;
            Instant to;
            switch (trial % 4) {
                case 0 -> { // edges on events' own times: from inclusive, to exclusive
                    int a = random.nextInt(sorted.size());
                    int b = a + random.nextInt(sorted.size() - a);
                    from = sorted.get(a).time();
                    to = sorted.get(b).time().plusNanos(1000L * random.nextInt(2));
                }
                case 1 -> { // whole UTC days and quarter hours: no raw edge at all
                    from = FROM.plusSeconds(900L * random.nextInt(96 * 4));
                    to = from.plusSeconds(900L * (1 + random.nextInt(96 * 4)));
                }
                case 2 -> { // a few minutes inside one quarter hour: raw events only
                    from = FROM.plusSeconds(900L * random.nextInt(96 * 8) + 60);
                    to = from.plusSeconds(600);
                }
                default -> { // arbitrary microseconds
                    from = FROM.plusNanos(1000L * random.nextLong(8L * 86_400_000_000L));
                    to = from.plusNanos(1000L * random.nextLong(3L * 86_400_000_000L));
                }
            }
            Instant start = from;
            Instant end = to;
            filters.forEach((query, filter) -> {
                long expected = Stream.concat(ACME.stream(), ACME_OUTSIDE.stream())
                        .filter(row -> !row.time().isBefore(start) && row.time().isBefore(end)).filter(filter).count();
                JsonNode page = getJson("/api/v1/usage/events?tenant=acme&limit=1&from=" + start + "&to=" + end + query);
                assertThat(page.get("totalCount").asLong()).as("from=%s to=%s filters=%s", start, end, query).isEqualTo(expected);
            });
        }
    }

    @Test
    void everyItemCarriesEveryStoredFieldOfItsTenantOnly() {
        String body = get("/api/v1/usage/events?tenant=acme&limit=500&sort=cost&order=asc&" + RANGE);
        assertThat(body).doesNotContain("E-").contains("\"costUsd\":0.000000000001,");
        List<JsonNode> items = new ArrayList<>();
        JsonNode page = JSON.readTree(body);
        page.get("items").forEach(items::add);
        JsonNode next = JSON.readTree(get("/api/v1/usage/events?tenant=acme&limit=500&sort=cost&order=asc&" + RANGE
                + "&cursor=" + page.get("nextCursor").asString()));
        next.get("items").forEach(items::add);
        assertThat(next.get("nextCursor").isNull()).isTrue();

        Map<String, Row> byId = index(ACME);
        assertThat(items).hasSize(ACME.size());
        items.forEach(item -> assertItem(item, byId.get(item.get("id").asString())));

        JsonNode globex = getJson("/api/v1/usage/events?tenant=globex&limit=500&" + RANGE);
        assertThat(globex.get("totalCount").asLong()).isEqualTo(GLOBEX.size());
        Map<String, Row> globexById = index(GLOBEX);
        globex.get("items").forEach(item -> assertItem(item, globexById.get(item.get("id").asString())));
    }

    @Test
    void recentErrorsAreTheNewestFailuresOnly() {
        Comparator<Row> newestFirst = order("time", "desc");
        List<Row> failures = ACME.stream().filter(row -> !row.status().equals("success")).sorted(newestFirst).toList();
        assertThat(failures).hasSizeGreaterThan(60);

        JsonNode all = getJson("/api/v1/usage/errors?tenant=acme&limit=500&" + RANGE);
        assertThat(all.properties()).extracting(Map.Entry::getKey).containsExactly("items");
        assertThat(ids(all)).containsExactlyElementsOf(failures.stream().map(Row::id).toList());
        Map<String, Row> byId = index(ACME);
        all.get("items").forEach(item -> assertItem(item, byId.get(item.get("id").asString())));

        assertThat(ids(getJson("/api/v1/usage/errors?tenant=acme&" + RANGE)))
                .containsExactlyElementsOf(failures.stream().limit(50).map(Row::id).toList());
        assertThat(ids(getJson("/api/v1/usage/errors?tenant=acme&limit=5&provider=openai&" + RANGE)))
                .containsExactlyElementsOf(failures.stream().filter(r -> r.provider().equals("openai")).limit(5).map(Row::id).toList());
        assertThat(ids(getJson("/api/v1/usage/errors?tenant=acme&status=success&" + RANGE))).isEmpty();
    }

    @Test
    void theExportHasAHeaderAndOneQuotedRowPerEventOldestFirst() {
        var result = client.get().uri(uri("/api/v1/usage/export?tenant=acme&" + RANGE))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/csv;charset=UTF-8")
                .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage-2026-02-25-2026-03-05.csv\"")
                .expectBody(String.class).returnResult();
        List<List<String>> lines = CsvReader.parse(result.getResponseBody());
        assertThat(lines.get(0)).containsExactly("time", "id", "provider", "model", "endpoint", "project", "apiKey", "user",
                "status", "errorType", "errorMessage", "latencyMs", "inputTokens", "cachedInputTokens", "cacheWriteTokens",
                "outputTokens", "reasoningTokens", "totalTokens", "costUsd", "priced", "tags", "serviceTier", "units");
        List<Row> expected = ACME.stream().sorted(order("time", "asc")).toList();
        assertThat(lines).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            assertCsvRow(lines.get(i + 1), expected.get(i));
        }

        String filtered = get("/api/v1/usage/export?tenant=acme&tz=Asia/Kolkata&from=2026-02-26&to=2026-03-03&model=gpt-4o&tag.env=dev");
        Instant from = Instant.parse("2026-02-25T18:30:00Z");
        Instant to = Instant.parse("2026-03-02T18:30:00Z");
        List<String> ids = CsvReader.parse(filtered).stream().skip(1).map(line -> line.get(1)).toList();
        assertThat(ids).containsExactlyElementsOf(ACME.stream()
                .filter(r -> !r.time().isBefore(from) && r.time().isBefore(to) && r.model().equals("gpt-4o")
                        && "dev".equals(r.tags().get("env")))
                .sorted(order("time", "asc")).map(Row::id).toList())
                .isNotEmpty();

        assertThat(get("/api/v1/usage/export?tenant=nobody&" + RANGE)).isEqualTo(CsvExport.HEADER);
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        String costCursor = getJson("/api/v1/usage/events?tenant=acme&limit=1&sort=cost&" + RANGE).get("nextCursor").asString();
        Map<String, String> cases = new HashMap<>();
        cases.put("/api/v1/usage/events?tenant=acme&sort=price", "sort");
        cases.put("/api/v1/usage/events?tenant=acme&sort=event_time", "sort");
        cases.put("/api/v1/usage/events?tenant=acme&order=up", "order");
        cases.put("/api/v1/usage/events?tenant=acme&limit=0", "limit");
        cases.put("/api/v1/usage/events?tenant=acme&limit=501", "limit");
        cases.put("/api/v1/usage/events?tenant=acme&limit=ten", "limit");
        cases.put("/api/v1/usage/events?tenant=acme&cursor=not-a-cursor", "cursor");
        cases.put("/api/v1/usage/events?tenant=acme&cursor=" + costCursor, "cursor");
        cases.put("/api/v1/usage/events?tenant=acme&sort=cost&order=asc&cursor=" + costCursor, "cursor");
        cases.put("/api/v1/usage/events?tenant=acme&sort=time&sort=cost", "sort");
        cases.put("/api/v1/usage/events?tenant=acme&offset=50", "offset");
        cases.put("/api/v1/usage/events?tenant=acme&tz=Mars/Olympus", "tz");
        cases.put("/api/v1/usage/events?tenant=acme&status=failed", "status");
        cases.put("/api/v1/usage/events?limit=5", "tenant");
        cases.put("/api/v1/usage/errors?tenant=acme&limit=1000", "limit");
        cases.put("/api/v1/usage/errors?tenant=acme&sort=cost", "sort");
        cases.put("/api/v1/usage/export?tenant=acme&limit=10", "limit");
        cases.put("/api/v1/usage/export?tenant=acme&from=2026-03-05&to=2026-02-25", "from");
        cases.forEach((path, parameter) -> client.get().uri(uri(path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.parameter").isEqualTo(parameter));
        client.get().uri(uri("/api/v1/usage/export?tenant=acme"))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    /** Follows nextCursor to the end; checks every page's size and totalCount on the way. */
    private List<String> walk(String query, int limit, int total) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson("/api/v1/usage/events?tenant=acme&limit=" + limit + "&" + RANGE + query
                    + (cursor == null ? "" : "&cursor=" + cursor));
            List<String> pageIds = ids(page);
            assertThat(page.get("totalCount").asLong()).isEqualTo(total);
            JsonNode next = page.get("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            assertThat(pageIds.size()).isEqualTo(cursor == null ? total - ids.size() : limit);
            ids.addAll(pageIds);
        } while (cursor != null);
        return ids;
    }

    /** The order the log promises, computed in Java: key, then time, then id; no latency last. */
    static Comparator<Row> order(String sort, String order) {
        Comparator<Row> byKey = switch (sort) {
            case "time" -> (a, b) -> 0;
            case "cost" -> Comparator.comparing(Row::cost);
            case "totalTokens" -> Comparator.comparingLong(Row::totalTokens);
            case "inputTokens" -> Comparator.comparingLong(Row::input);
            case "outputTokens" -> Comparator.comparingLong(Row::output);
            case "latency" -> Comparator.comparing(Row::latencyMs, Comparator.nullsLast(Comparator.<Integer>naturalOrder()));
            // Code point order (COLLATE "C"); the generated names are ASCII, where Java's String order is the same.
            case "project" -> Comparator.comparing(Row::project, Comparator.nullsLast(Comparator.<String>naturalOrder()));
            case "model" -> Comparator.comparing(Row::model, Comparator.nullsLast(Comparator.<String>naturalOrder()));
            default -> throw new IllegalArgumentException(sort);
        };
        Comparator<Row> directed = byKey.thenComparing(Row::time).thenComparing(Row::id);
        Comparator<Row> withoutKeyLast = Comparator.comparing(row -> switch (sort) {
            case "latency" -> row.latencyMs() == null;
            case "project" -> row.project() == null;
            default -> false;
        });
        return withoutKeyLast.thenComparing(order.equals("desc") ? directed.reversed() : directed);
    }

    private static void assertItem(JsonNode item, Row row) {
        assertThat(row).as("item %s", item).isNotNull();
        assertThat(item.get("id").asString()).isEqualTo(row.id());
        assertThat(item.get("tenant").asString()).isEqualTo(row.tenant());
        assertThat(Instant.parse(item.get("time").asString())).isEqualTo(row.time());
        assertThat(item.get("provider").asString()).isEqualTo(row.provider());
        assertThat(item.get("model").asString()).isEqualTo(row.model());
        assertThat(item.get("endpoint").asString()).isEqualTo(row.endpoint());
        assertThat(text(item.get("project"))).isEqualTo(row.project());
        assertThat(text(item.get("apiKey"))).isEqualTo(row.apiKey());
        assertThat(text(item.get("user"))).isEqualTo(row.user());
        assertThat(item.get("status").asString()).isEqualTo(row.status());
        if (row.errorType() == null && row.errorMessage() == null) {
            assertThat(item.get("error").isNull()).isTrue();
        } else {
            assertThat(text(item.get("error").get("type"))).isEqualTo(row.errorType());
            assertThat(text(item.get("error").get("message"))).isEqualTo(row.errorMessage());
        }
        assertThat(item.get("latencyMs").isNull() ? null : item.get("latencyMs").asInt()).isEqualTo(row.latencyMs());
        JsonNode usage = item.get("usage");
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(row.input());
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(row.cached());
        assertThat(usage.get("cacheWriteTokens").asLong()).isEqualTo(row.cacheWrite());
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(row.output());
        assertThat(usage.get("reasoningTokens").asLong()).isEqualTo(row.reasoning());
        assertThat(item.get("totalTokens").asLong()).isEqualTo(row.totalTokens());
        assertThat(item.get("costUsd").isNumber()).isTrue();
        assertThat(item.get("costUsd").decimalValue()).isEqualByComparingTo(row.cost());
        assertThat(item.get("priced").asBoolean()).isEqualTo(row.priced());
        assertThat(item.get("costSource").asString()).isEqualTo(row.costSource());
        assertThat(text(item.get("priceRef"))).isEqualTo(row.priceRef());
        assertThat(JSON.convertValue(item.get("tags"), Map.class)).isEqualTo(row.tags());
    }

    private static void assertCsvRow(List<String> line, Row row) {
        assertThat(line).hasSize(23);
        assertThat(line.subList(0, 18)).containsExactly(row.time().toString(), row.id(), row.provider(), row.model(),
                row.endpoint(), empty(row.project()), empty(row.apiKey()), empty(row.user()), row.status(),
                empty(row.errorType()), empty(row.errorMessage()), empty(row.latencyMs()), String.valueOf(row.input()),
                String.valueOf(row.cached()), String.valueOf(row.cacheWrite()), String.valueOf(row.output()),
                String.valueOf(row.reasoning()), String.valueOf(row.totalTokens()));
        assertThat(line.get(18)).matches("[0-9]+(\\.[0-9]*[1-9])?");
        assertThat(new BigDecimal(line.get(18))).isEqualByComparingTo(row.cost());
        assertThat(line.get(19)).isEqualTo(String.valueOf(row.priced()));
        assertThat(JSON.readValue(line.get(20), Map.class)).isEqualTo(row.tags());
        assertThat(line.subList(21, 23)).containsExactly("standard", "");
    }

    private JsonNode getJson(String path) {
        return JSON.readTree(get(path));
    }

    private String get(String path) {
        return client.get().uri(uri(path))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** The path as an absolute URI, taken literally (no template expansion): RFC 3339 '+' encoded. */
    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path.replace("+", URLEncoder.encode("+", StandardCharsets.UTF_8)));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static Map<String, Row> index(List<Row> rows) {
        Map<String, Row> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        return byId;
    }

    private static @Nullable String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private static String empty(@Nullable Object value) {
        return value == null ? "" : value.toString();
    }
}
