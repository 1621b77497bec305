package dev.tokenmeter.query.log;

import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.usage.Sql;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

/**
 * The event log as CSV, oldest first, streamed: PostgreSQL hands rows over through a cursor
 * {@link #FETCH_SIZE} at a time, and the next batch is fetched only when the client has taken the
 * previous ones, so memory stays flat however many rows match.
 */
@Component
class CsvExport {

    /** Rows per round trip to PostgreSQL; a fetch size also makes r2dbc-postgresql use a cursor. */
    static final int FETCH_SIZE = 1000;
    /** Rows encoded into one buffer written to the response. */
    static final int ROWS_PER_CHUNK = 500;
    static final String HEADER = "time,id,provider,model,endpoint,project,apiKey,user,status,errorType,errorMessage,"
            + "latencyMs,inputTokens,cachedInputTokens,cacheWriteTokens,outputTokens,reasoningTokens,totalTokens,"
            + "costUsd,priced,tags" + Csv.LINE_END;

    private static final String COLUMNS = """
            event_time, id, provider, model, endpoint, project, api_key, user_id, status, error_type, error_message,
            latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reasoning_tokens,
            cost_usd, priced, tags::text AS tags""";
    private static final List<String> TEXT_COLUMNS = List.of("id", "provider", "model", "endpoint", "project",
            "api_key", "user_id", "status", "error_type", "error_message");
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final DatabaseClient db;

    CsvExport(DatabaseClient db) {
        this.db = db;
    }

    /** The header, then one line per matching event, in buffers of {@link #ROWS_PER_CHUNK} lines. */
    Flux<DataBuffer> csv(String tenant, TimeRange range, Filters filters) {
        return Flux.just(HEADER)
                .concatWith(lines(tenant, range, filters))
                .map(CsvExport::buffer);
    }

    /** {@code usage-<from>-<to>.csv}: local dates when the range is whole days in its zone, else UTC times. */
    static String fileName(TimeRange range) {
        return "usage-" + stamp(range.from(), range) + "-" + stamp(range.to(), range) + ".csv";
    }

    private Flux<String> lines(String tenant, TimeRange range, Filters filters) {
        Sql sql = EventLogQuery.matching(tenant, range, filters, COLUMNS);
        sql.append(" ORDER BY event_time ASC, id ASC");
        return sql.on(db)
                .filter(statement -> statement.fetchSize(FETCH_SIZE))
                .map(CsvExport::line)
                .all()
                .buffer(ROWS_PER_CHUNK)
                .map(CsvExport::join);
    }

    static String line(Readable row) {
        Long input = row.get("input_tokens", Long.class);
        Long output = row.get("output_tokens", Long.class);
        BigDecimal cost = row.get("cost_usd", BigDecimal.class);
        StringBuilder line = new StringBuilder(256);
        Csv.field(line, row.get("event_time", Instant.class)).append(',');
        for (String column : TEXT_COLUMNS) {
            Csv.field(line, row.get(column, String.class)).append(',');
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
        Csv.field(line, row.get("tags", String.class));
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
