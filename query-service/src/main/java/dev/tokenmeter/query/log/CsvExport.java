package dev.tokenmeter.query.log;

import dev.tokenmeter.query.ExportDatabase;
import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.usage.Sql;
import dev.tokenmeter.query.web.BadParameter;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * The event log as CSV, oldest first, streamed: PostgreSQL hands rows over through a cursor
 * {@link #FETCH_SIZE} at a time, and the next batch is fetched only when the client has taken the
 * previous ones, so memory stays flat however many rows match.
 *
 * <p>Bounded: exports read through their own small pool ({@link ExportDatabase}), so slow downloads
 * hold only its connections; the header goes out with the first rows, so a busy pool or a cancelled
 * statement is still answered 503 rather than as a broken 200; the whole stream has a deadline and
 * at most {@link ExportSettings#maxRows()} rows (checked before it starts, see {@link #count}, and
 * again in SQL).
 */
@Component
class CsvExport {

    /** Rows per round trip to PostgreSQL; a fetch size also makes r2dbc-postgresql use a cursor. */
    static final int FETCH_SIZE = 1000;
    /** Rows encoded into one buffer written to the response. */
    static final int ROWS_PER_CHUNK = 500;
    static final String HEADER = "time,id,provider,model,endpoint,project,apiKey,user,status,errorType,errorMessage,"
            + "latencyMs,inputTokens,cachedInputTokens,cacheWriteTokens,outputTokens,reasoningTokens,totalTokens,"
            + "costUsd,priced,tags,serviceTier,units" + Csv.LINE_END;

    private static final String COLUMNS = """
            event_time, id, provider, model, endpoint, project, api_key, user_id, status, error_type, error_message,
            latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
            cost_usd, priced, tags::text AS tags, service_tier, units::text AS units""";
    private static final List<String> TEXT_COLUMNS = List.of("id", "provider", "model", "endpoint", "project",
            "api_key", "user_id", "status", "error_type", "error_message");
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DatabaseClient db;
    private final ExportSettings settings;

    CsvExport(ExportDatabase database, ExportSettings settings) {
        this.db = database.client();
        this.settings = settings;
    }

    /** The header, then one line per matching event, in buffers of {@link #ROWS_PER_CHUNK} lines. */
    Flux<DataBuffer> csv(Selection selection) {
        return withDeadline(lines(selection), settings.deadline())
                .index()
                .map(chunk -> chunk.getT1() == 0 ? HEADER + chunk.getT2() : chunk.getT2())
                .defaultIfEmpty(HEADER)
                .map(CsvExport::buffer);
    }

    /** How many events match, counted over raw events in the export pool (for filters the rollups lack). */
    Mono<Long> count(Selection selection) {
        return selection.select("count(*) AS n")
                .on(db)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** Refuses, before any row is read, an export of more than {@link ExportSettings#maxRows()} rows. */
    void checkRows(long rows) {
        if (rows > settings.maxRows()) {
            throw new BadParameter("range", "the export would have " + rows + " rows, over the limit of " + settings.maxRows()
                    + ": use a shorter range or more filters");
        }
    }

    /**
     * Ends {@code flux} with a {@link java.util.concurrent.TimeoutException} once {@code deadline} has
     * passed since it was subscribed to, however steadily it emits.
     */
    static <T> Flux<T> withDeadline(Flux<T> flux, Duration deadline) {
        Mono<Long> expired = Mono.delay(deadline).cache();
        return flux.timeout(expired, item -> expired);
    }

    /** {@code usage-<from>-<to>.csv}: local dates when the range is whole days in its zone, else UTC times. */
    static String fileName(TimeRange range) {
        return "usage-" + stamp(range.from(), range) + "-" + stamp(range.to(), range) + ".csv";
    }

    private Flux<String> lines(Selection selection) {
        Sql sql = selection.select(COLUMNS);
        // One row past the cap: events stored after the count could still exceed it.
        sql.append(" ORDER BY event_time ASC, id ASC LIMIT " + sql.bind(settings.maxRows() + 1));
        return sql.on(db)
                .filter(statement -> statement.fetchSize(FETCH_SIZE))
                .map(CsvExport::line)
                .all()
                .index()
                .map(this::belowCap)
                .buffer(ROWS_PER_CHUNK)
                .map(CsvExport::join);
    }

    private String belowCap(Tuple2<Long, String> numbered) {
        if (numbered.getT1() >= settings.maxRows()) {
            throw new IllegalStateException("the export passed its cap of " + settings.maxRows() + " rows while streaming");
        }
        return numbered.getT2();
    }

    static String line(Readable row) {
        Long input = row.get("input_tokens", Long.class);
        Long output = row.get("output_tokens", Long.class);
        BigDecimal cost = row.get("cost_usd", BigDecimal.class);
        StringBuilder line = new StringBuilder(256);
        Csv.field(line, row.get("event_time", Instant.class)).append(',');
        for (String column : TEXT_COLUMNS) {
            Csv.text(line, row.get(column, String.class)).append(',');
        }
        Csv.field(line, row.get("latency_ms", Integer.class)).append(',');
        Csv.field(line, input).append(',');
        Csv.field(line, row.get("cached_input_tokens", Long.class)).append(',');
        Csv.field(line, row.get("cache_write_tokens", Long.class)).append(',');
        Csv.field(line, output).append(',');
        Csv.field(line, row.get("reasoning_tokens", Long.class)).append(',');
        Csv.field(line, input == null || output == null ? null : input + output).append(',');
        Csv.field(line, cost == null ? null : LogEvent.money(cost).toPlainString()).append(',');
        Csv.field(line, row.get("priced", Boolean.class)).append(',');
        Csv.text(line, row.get("tags", String.class)).append(',');
        Csv.text(line, row.get("service_tier", String.class)).append(',');
        Csv.text(line, row.get("units", String.class));
        return line.append(Csv.LINE_END).toString();
    }

    private static String join(List<String> lines) {
        StringBuilder chunk = new StringBuilder(lines.size() * 256);
        lines.forEach(chunk::append);
        return chunk.toString();
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String stamp(Instant instant, TimeRange range) {
        boolean wholeDays = range.from().equals(midnight(range.from(), range)) && range.to().equals(midnight(range.to(), range));
        return wholeDays ? LocalDate.ofInstant(instant, range.zone()).toString() : UTC_STAMP.format(instant);
    }

    private static Instant midnight(Instant instant, TimeRange range) {
        return LocalDate.ofInstant(instant, range.zone()).atStartOfDay(range.zone()).toInstant();
    }
}
