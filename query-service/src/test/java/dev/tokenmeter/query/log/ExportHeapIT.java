package dev.tokenmeter.query.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.query.SmallHeapService;
import dev.tokenmeter.query.SmallHeapService.Heap;
import dev.tokenmeter.testsupport.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acceptance "Export of 1 000 000 rows streams with the service's heap under 256 MB". The query
 * service runs in a JVM of its own with {@code -Xmx256m} and exits on OutOfMemoryError, so an export
 * that buffered its rows (about 250 MB of CSV) could not finish; this test reads the stream over plain
 * HTTP, counting lines and discarding bytes, and reads the service's heap from its GC log.
 */
class ExportHeapIT {

    static final Logger log = LoggerFactory.getLogger(ExportHeapIT.class);
    static final int ROWS = 1_000_000;
    static final String OPERATOR = "export-heap-operator-0123456789abcdef";

    final Infrastructure infra = Infrastructure.shared();
    final HttpClient http = HttpClient.newHttpClient();

    @AutoClose
    SmallHeapService service;

    @Test
    void exportOfAMillionRowsStreamsWithinA256MbHeap() throws Exception {
        String database = infra.createDatabase("export_heap");
        int port = SmallHeapService.freePort();
        int managementPort = SmallHeapService.freePort();
        service = SmallHeapService.start("export-heap", infra, database, port, List.of(
                "--management.server.port=" + managementPort,
                "--tokenmeter.query.operator-key=" + OPERATOR));
        awaitHealthy(managementPort);

        long insertStarted = System.nanoTime();
        insertMillionRows(database);
        long insertMillis = millisSince(insertStarted);

        int gcLinesBeforeExport = service.gcLogLines();
        long exportStarted = System.nanoTime();
        Streamed streamed = export(port);
        long exportMillis = millisSince(exportStarted);

        Heap heap = service.heapSince(gcLinesBeforeExport);
        log.info("Inserted {} rows in {} ms; exported {} lines ({} MB) in {} ms, first byte after {} ms; service heap during "
                + "the export: {} GC pauses, at most {} MB before a GC, live set after GC {} MB at first, at most {} MB, "
                + "{} MB at last, of {} MB max",
                ROWS, insertMillis, streamed.lines(), streamed.bytes() / (1024 * 1024), exportMillis, streamed.firstByteMillis(),
                heap.pauses(), heap.maxBeforeMb(), heap.firstAfterMb(), heap.maxAfterMb(), heap.lastAfterMb(), heap.capacityMb());

        assertThat(streamed.status()).isEqualTo(200);
        assertThat(streamed.header()).isEqualTo(CsvExport.HEADER.strip());
        assertThat(streamed.lines()).isEqualTo(ROWS + 1);
        assertThat(streamed.lastLine()).startsWith("2026-01-16T13:46:40Z,ev-1000000,");
        assertThat(service.isAlive()).as("the service survived the export; see " + service.log()).isTrue();
        assertThat(heap.capacityMb()).isLessThanOrEqualTo(256);
        assertThat(heap.pauses()).as("the GC log covers the export").isPositive();
        assertThat(heap.maxAfterMb()).as("live heap stays flat while streaming").isLessThan(128);
    }

    private void awaitHealthy(int managementPort) {
        await("the query service's management port " + managementPort + " (log: " + service.log() + ")")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(service.isAlive()).as("service process alive").isTrue();
                    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    private void insertMillionRows(String database) throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT ensure_usage_event_partitions('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')");
            statement.execute("""
                    INSERT INTO usage_event (tenant, id, event_time, provider, model, endpoint, project, api_key, user_id,
                        status, error_type, error_message, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens,
                        output_tokens, reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags)
                    SELECT 'heap', 'ev-' || lpad(g::text, 7, '0'), timestamptz '2026-01-05T00:00:00Z' + g * interval '1 second',
                        (ARRAY['openai', 'anthropic', 'google'])[1 + g % 3],
                        (ARRAY['gpt-4o-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash'])[1 + g % 3],
                        'chat.completions', 'project-' || g % 5, 'key_' || g % 7, 'u' || g % 11,
                        CASE WHEN g % 10 = 0 THEN 'error' ELSE 'success' END,
                        CASE WHEN g % 10 = 0 THEN 'rate_limit' END,
                        CASE WHEN g % 10 = 0 THEN '429 from upstream: "slow down", retry later' END,
                        CASE WHEN g % 20 <> 0 THEN 100 + g % 5000 END,
                        1000 + g % 20000, g % 1000, 0, 200 + g % 4000, g % 100,
                        (1000 + g % 20000) * 0.00000015 + (200 + g % 4000) * 0.0000006, true, 'catalog',
                        'openai/gpt-4o-mini@2026-01-01',
                        jsonb_build_object('env', CASE WHEN g % 2 = 0 THEN 'prod' ELSE 'dev' END, 'team', 'team-' || g % 4)
                    FROM generate_series(1, ROWS) AS g""".replace("ROWS", String.valueOf(ROWS)));
            statement.execute("ANALYZE usage_event");
        }
    }

    private Streamed export(int port) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/usage/export?tenant=heap&from=2026-01-01&to=2026-02-01"))
                .header("Authorization", "Bearer " + OPERATOR)
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long firstByte = millisSince(started);
        long lines = 0;
        long bytes = 0;
        StringBuilder header = new StringBuilder();
        byte[] current = new byte[512];
        int currentLength = 0;
        byte[] last = new byte[512];
        int lastLength = 0;
        byte[] chunk = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n = body.read(chunk); n >= 0; n = body.read(chunk)) {
                for (int i = 0; i < n; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        lines++;
                        System.arraycopy(current, 0, last, 0, currentLength);
                        lastLength = currentLength;
                        currentLength = 0;
                    } else if (currentLength < current.length) {
                        current[currentLength++] = b;
                    }
                    if (lines == 0 && b != '\r') {
                        header.append((char) b);
                    }
                }
                bytes += n;
            }
        }
        return new Streamed(response.statusCode(), header.toString(), lines, bytes, firstByte,
                new String(last, 0, lastLength, StandardCharsets.UTF_8).strip());
    }

    record Streamed(int status, String header, long lines, long bytes, long firstByteMillis, String lastLine) {
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
