package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.SmallHeapService;
import dev.tokenmeter.query.SmallHeapService.Heap;
import dev.tokenmeter.testsupport.Infrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance "the worst timeline and breakdown requests a viewer can send answer 400 or succeed,
 * with the query service's heap staying under its limit". The service runs in a JVM of its own with
 * {@code -Xmx256m} (half the 512 MB of the deployment) that exits on OutOfMemoryError, over 60 000
 * events with 40 000 users, 3 000 API keys and 2 000 tag values; a viewer sends the largest questions the API accepts
 * — the longest range at the smallest bucket, groupBy with top=50, breakdowns and value lists at their
 * highest limits — several at a time. Each answers 200 or a 400 that says what to narrow; the
 * service's heap is read from its GC log, as {@code ExportHeapIT} does: what survives each collection
 * is the live set, and the heap can never pass its 256 MB without the process exiting.
 */
class ResponseBudgetHeapIT {

    static final Logger log = LoggerFactory.getLogger(ResponseBudgetHeapIT.class);
    static final String OPERATOR = "budget-heap-operator-key-0123456789abcdef";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String RANGE = "from=2026-01-01&to=2026-03-01";

    /** The largest questions a viewer can ask, and what each must answer. */
    static final Map<String, Integer> WORST = Map.ofEntries(
            Map.entry("timeline?from=1970-01-01&to=2200-01-01&bucket=minute&groupBy=user&top=50", 400),
            Map.entry("timeline?from=1970-01-01&to=2200-01-01&bucket=day", 400),
            Map.entry("timeline?" + RANGE + "&bucket=hour&groupBy=user&top=50", 400),
            Map.entry("timeline?" + RANGE + "&bucket=minute", 400),
            Map.entry("timeline?from=2026-01-01&to=2026-01-17&bucket=hour&groupBy=user&top=50", 200),
            Map.entry("timeline?from=2026-01-05T00:00:00Z&to=2026-01-05T06:24:00Z&bucket=minute&groupBy=user&top=50", 200),
            Map.entry("timeline?" + RANGE + "&bucket=day&groupBy=apiKey&top=50", 200),
            Map.entry("timeline?" + RANGE + "&bucket=hour", 200),
            Map.entry("timeline?" + RANGE + "&bucket=day&groupBy=tag:team&top=50", 200),
            Map.entry("breakdown?" + RANGE + "&by=user&limit=1000", 200),
            Map.entry("breakdown?" + RANGE + "&by=apiKey&limit=1000", 200),
            Map.entry("breakdown?" + RANGE + "&by=apiKey&limit=1000&sort=latency&provider=openai", 200),
            Map.entry("breakdown?" + RANGE + "&by=tag:team&limit=1000&sort=errorRate", 200),
            Map.entry("breakdown?" + RANGE + "&by=user&limit=1001", 400),
            Map.entry("values/user?" + RANGE + "&limit=10000", 200),
            Map.entry("values/apiKey?" + RANGE + "&limit=10000", 200),
            Map.entry("values/user?" + RANGE + "&limit=10001", 400));

    final Infrastructure infra = Infrastructure.shared();
    final HttpClient http = HttpClient.newHttpClient();

    @AutoClose
    SmallHeapService service;

    @Test
    void theWorstRequestsAViewerCanSendAnswer400OrSucceedWithinA256MbHeap() throws Exception {
        String database = infra.createDatabase("response_budget");
        int port = SmallHeapService.freePort();
        service = SmallHeapService.start("response-budget", infra, database, port, List.of(
                "--management.server.port=-1", // no actuator: a fixed default port would clash with a running stack
                "--tokenmeter.query.operator-key=" + OPERATOR,
                // Generous: on two shared cores a wide question may queue behind the others.
                "--tokenmeter.query.database.dashboard.statement-timeout=2m",
                "--tokenmeter.query.query-timeout=3m"));
        await("the query service on port " + port + " (log: " + service.log() + ")")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    assertThat(service.isAlive()).as("service process alive").isTrue();
                    return send(port, "/api/v1/usage/summary?tenant=wide&range=today", OPERATOR).statusCode() == 200;
                });
        long loadStarted = System.nanoTime();
        load(database);
        log.info("Loaded 60 000 events and their rollups in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loadStarted));
        String viewer = viewerKey(port);

        int gcLinesBefore = service.gcLogLines();
        List<String> paths = new ArrayList<>(WORST.keySet());
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (String path : paths) {
                answers.add(http.sendAsync(request(port, "/api/v1/usage/" + path, viewer), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < paths.size(); i++) {
                HttpResponse<String> answer = answers.get(i).get(5, TimeUnit.MINUTES);
                String path = paths.get(i);
                assertThat(answer.statusCode()).as(path + " answered " + abbreviated(answer.body())).isEqualTo(WORST.get(path));
                if (answer.statusCode() == 400) {
                    assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
                    assertThat(JSON.readTree(answer.body()).get("detail").stringValue()).as(path)
                            .containsAnyOf("over the limit", "choose a larger bucket or a shorter range");
                } else if (round == 0) {
                    log.info("{}: {} KB", path, answer.body().length() / 1024);
                }
            }
        }

        Heap heap = service.heapSince(gcLinesBefore);
        log.info("Service heap during the worst requests: {} collections, at most {} MB before a collection, live set after "
                + "collections at most {} MB, of {} MB max", heap.pauses(), heap.maxBeforeMb(), heap.maxAfterMb(), heap.capacityMb());
        assertThat(service.isAlive()).as("the service survived; see " + service.log()).isTrue();
        assertThat(send(port, "/api/v1/usage/summary?tenant=wide&" + RANGE, OPERATOR).statusCode()).isEqualTo(200);
        assertThat(heap.capacityMb()).isLessThanOrEqualTo(256);
        assertThat(heap.pauses()).as("the GC log covers the requests").isPositive();
        assertThat(heap.maxAfterMb()).as("live heap after collections stays well under the limit").isLessThan(192);
    }

    /** 60 000 events over two months: 40 000 users, 3 000 API keys, 2 000 tag values; then their rollups. */
    private void load(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT ensure_usage_event_partitions('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')");
            statement.execute("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id,
                        status, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
                        cost_usd, priced, cost_source, tags)
                    SELECT 'wide', 'ev-' || g, timestamptz '2026-01-01T00:00:00Z' + g * interval '80 seconds',
                        (ARRAY['openai', 'anthropic', 'google'])[1 + g % 3], 'model-' || g % 30, 'chat.completions',
                        'project-' || g % 10, 'key_' || g % 3000, 'user-' || g % 40000,
                        CASE WHEN g % 10 = 0 THEN 'error' ELSE 'success' END, 50 + g % 500,
                        1000 + g % 2000, 0, 0, 200 + g % 400, 0, (1000 + g % 2000) * 0.00000015, true, 'catalog',
                        jsonb_build_object('team', 'team-' || g % 2000)
                    FROM generate_series(1, 60000) AS g""");
            statement.execute("SELECT rebuild_usage_rollups('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')");
            statement.execute("ANALYZE");
        }
    }

    private String viewerKey(int port) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/keys"))
                .header("Authorization", "Bearer " + OPERATOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"wide\",\"role\":\"viewer\",\"name\":\"worst\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("secret").stringValue();
    }

    private HttpResponse<Void> send(int port, String path, String key) throws Exception {
        return http.send(request(port, path, key), HttpResponse.BodyHandlers.discarding());
    }

    private static HttpRequest request(int port, String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofMinutes(5)).build();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
