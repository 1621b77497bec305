package dev.tokenmeter.query.log;

import dev.tokenmeter.query.QuerySettings;
import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.range.RangeParser;
import dev.tokenmeter.query.usage.UsageService;
import dev.tokenmeter.query.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
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
        Selection selection = Selection.of(params, EVENTS_PARAMS, caller, ranges);
        LogSort sort = LogSort.parse(Params.single(params, "sort"));
        SortOrder order = SortOrder.parse(Params.single(params, "order"));
        int limit = Params.integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        String cursor = Params.single(params, "cursor");
        Cursor after = cursor == null ? null : Cursor.decode(cursor, sort, order);
        return Mono.zip(query.page(selection, sort, order, limit, after), matching(selection, query::count))
                .map(both -> new EventPage(both.getT1().items(), nextCursor(both.getT1()), both.getT2()))
                .timeout(settings.queryTimeout());
    }

    /** The most recent failed events (status error or timeout), newest first. */
    @GetMapping("/errors")
    Mono<RecentErrors> errors(@RequestParam MultiValueMap<String, String> params, Caller caller) {
        Selection selection = Selection.of(params, ERRORS_PARAMS, caller, ranges);
        int limit = Params.integer(params, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        return query.failures(selection, limit)
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
        Selection selection = Selection.of(params, Set.of(), caller, ranges);
        return matching(selection, export::count)
                .doOnNext(export::checkRows)
                .map(rows -> ResponseEntity.ok()
                        .contentType(TEXT_CSV)
                        .header(HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment().filename(CsvExport.fileName(selection.range())).build().toString())
                        .body(export.csv(selection)));
    }

    /**
     * How many events match: the rollups' request count where every filter is a rollup dimension (raw events only at
     * the range's unaligned edges), the same number as {@code count(*)} over the range, which would read every
     * matching event; {@code count} (over raw events) otherwise.
     */
    private Mono<Long> matching(Selection selection, Function<Selection, Mono<Long>> count) {
        return usage.requests(selection.tenant(), selection.range(), selection.filters())
                .switchIfEmpty(Mono.defer(() -> count.apply(selection)));
    }

    private static @Nullable String nextCursor(EventLogQuery.Page page) {
        return page.next() == null ? null : page.next().encode();
    }
}
