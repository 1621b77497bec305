package dev.tokenmeter.query.log;

import dev.tokenmeter.query.QuerySettings;
import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.range.RangeParser;
import dev.tokenmeter.query.range.TimeRange;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.usage.UsageService;
import dev.tokenmeter.query.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The raw-event endpoints: the paged log, the recent errors and the CSV export. */
@RestController
@RequestMapping("/api/v1/usage")
class EventLogController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final Set<String> EVENTS_PARAMS = Set.of("sort", "order", "limit", "cursor");
    private static final Set<String> ERRORS_PARAMS = Set.of("limit");
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    /**
     * A page of the log.
     *
     * @param nextCursor pass as {@code cursor} for the next page; null on the last page
     * @param totalCount events matching the range and filters, across all pages
     */
    record EventPage(List<LogEvent> items, @Nullable String nextCursor, long totalCount) {
    }

    record RecentErrors(List<LogEvent> items) {
    }

    private final EventLogQuery query;
    private final CsvExport export;
    private final RangeParser ranges;
    private final QuerySettings settings;
    private final UsageService usage;

    EventLogController(EventLogQuery query, CsvExport export, RangeParser ranges, QuerySettings settings, UsageService usage) {
        this.query = query;
        this.export = export;
        this.ranges = ranges;
        this.settings = settings;
        this.usage = usage;
    }

    /**
     * The log, {@code sort} = time (default), cost, totalTokens, inputTokens, outputTokens, latency,
     * project or model (code point order), {@code order} = desc (default) or asc, ties broken by time
     * then id; events without a latency, project or model come last in both orders of that sort.
     */
    @Operation(summary = "The event log, one page at a time", description = "sort = time (default), cost, totalTokens, inputTokens, outputTokens, latency, project or model "
            + "(text in code point order); order = desc (default) or asc; ties by time, then id. Events without the "
            + "sort's value (latency, project, model) come last in both orders. limit <= 500 (default 50); cursor = "
            + "nextCursor of the previous page, valid only for the same sort and order.")
    @GetMapping("/events")
    Mono<EventPage> events(@RequestParam MultiValueMap<String, String> params, Caller caller) {
        Params.check(params, EVENTS_PARAMS);
        String tenant = caller.requireTenant();
        TimeRange range = ranges.parse(params);
        Filters filters = Filters.from(params);
        LogSort sort = LogSort.parse(Params.single(params, "sort"));
        SortOrder order = SortOrder.parse(Params.single(params, "order"));
        int limit = Params.integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String cursor = Params.single(params, "cursor");
        Cursor after = cursor == null ? null : Cursor.decode(cursor, sort, order);
        return Mono.zip(query.page(tenant, range, filters, sort, order, limit, after), totalCount(tenant, range, filters))
                .map(both -> new EventPage(both.getT1().items(), nextCursor(both.getT1()), both.getT2()))
                .timeout(settings.queryTimeout());
    }

    /** The most recent failed events (status error or timeout), newest first. */
    @GetMapping("/errors")
    Mono<RecentErrors> errors(@RequestParam MultiValueMap<String, String> params, Caller caller) {
        Params.check(params, ERRORS_PARAMS);
        String tenant = caller.requireTenant();
        TimeRange range = ranges.parse(params);
        Filters filters = Filters.from(params);
        int limit = Params.integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return query.failures(tenant, range, filters, limit)
                .collectList()
                .map(RecentErrors::new)
                .timeout(settings.queryTimeout());
    }

    /**
     * Every matching event as CSV, oldest first, streamed as rows arrive from the database; refused
     * with 400 when more rows match than an export may hold (counted from the rollups where the
     * filters allow, else over raw events in the export pool).
     */
    @GetMapping("/export")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(@RequestParam MultiValueMap<String, String> params, Caller caller) {
        Params.check(params, Set.of());
        String tenant = caller.requireTenant();
        TimeRange range = ranges.parse(params);
        Filters filters = Filters.from(params);
        return usage.requests(tenant, range, filters)
                .switchIfEmpty(Mono.defer(() -> export.count(tenant, range, filters)))
                .doOnNext(export::checkRows)
                .map(rows -> ResponseEntity.ok()
                        .contentType(TEXT_CSV)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(CsvExport.fileName(range)).build().toString())
                        .body(export.csv(tenant, range, filters)));
    }

    /**
     * The rollups' request count where every filter is a rollup dimension (raw events only at the
     * range's unaligned edges): the same number as {@code count(*)} over the range, which would
     * read every matching event; that count otherwise.
     */
    private Mono<Long> totalCount(String tenant, TimeRange range, Filters filters) {
        return usage.requests(tenant, range, filters)
                .switchIfEmpty(Mono.defer(() -> query.count(tenant, range, filters)));
    }

    private static @Nullable String nextCursor(EventLogQuery.Page page) {
        return page.next() == null ? null : page.next().encode();
    }
}
