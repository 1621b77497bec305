package dev.tokenmeter.query.log;

import dev.tokenmeter.query.usage.Sql;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads raw events for the log and the recent errors, always scoped to one tenant, the range and
 * the filters. Pages by keyset (the last row's sort key, event_time and id), never by offset, so
 * deep pages cost what the first one does and concurrent inserts never shift a page.
 */
@Component
class EventLogQuery {

    /** One page of the log; {@code next} is null after the last page. */
    record Page(List<LogEvent> items, @Nullable Cursor next) {
    }

    private record Ranked(LogEvent event, @Nullable Object value) {
    }

    private final DatabaseClient db;

    EventLogQuery(DatabaseClient db) {
        this.db = db;
    }

    Mono<Page> page(Selection selection, LogSort sort, SortOrder order, int limit, @Nullable Cursor after) {
        Sql sql = selection.select(LogEvent.COLUMNS + (sort.hasValue() ? ", " + sort.expression() + " AS sort_value" : ""));
        if (after != null) {
            appendAfter(sql, sort, order, after);
        }
        sql.append(orderBy(sort, order) + " LIMIT " + sql.bind(limit + 1));
        return sql.on(db)
                .map(row -> new Ranked(LogEvent.of(row), sort.valueOf(row)))
                .all()
                .collectList()
                .map(rows -> page(rows, limit, sort, order));
    }

    /** How many events match the range and filters, across all pages. */
    Mono<Long> count(Selection selection) {
        return selection.select("count(*) AS n")
                .on(db)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** The most recent failed events (status other than success), newest first. */
    Flux<LogEvent> failures(Selection selection, int limit) {
        Sql sql = selection.select(LogEvent.COLUMNS);
        sql.append(" AND status <> 'success' ORDER BY event_time DESC, id DESC LIMIT " + sql.bind(limit));
        return sql.on(db)
                .map(LogEvent::of)
                .all();
    }

    /**
     * Keeps what comes after the cursor. A nullable key splits the order in two: rows with a key
     * (compared as a row value), then the rows without one (by time and id alone).
     */
    private static void appendAfter(Sql sql, LogSort sort, SortOrder order, Cursor after) {
        String position = sql.bind(after.time()) + ", " + sql.bind(after.id());
        String op = " " + order.after() + " ";
        if (!sort.hasValue()) {
            sql.append(" AND (event_time, id)" + op + "(" + position + ")");
        } else if (after.value() == null) {
            sql.append(" AND " + sort.expression() + " IS NULL AND (event_time, id)" + op + "(" + position + ")");
        } else {
            String keyed = "(" + sort.expression() + ", event_time, id)" + op + "(" + sql.bind(after.value()) + ", " + position + ")";
            sql.append(sort.nullable()
                    ? " AND (" + keyed + " OR " + sort.expression() + " IS NULL)"
                    : " AND " + keyed);
        }
    }

    private static String orderBy(LogSort sort, SortOrder order) {
        String direction = " " + order.keyword();
        String ties = "event_time" + direction + ", id" + direction;
        if (!sort.hasValue()) {
            return " ORDER BY " + ties;
        }
        return " ORDER BY " + sort.expression() + direction + (sort.nullable() ? " NULLS LAST" : "") + ", " + ties;
    }

    private static Page page(List<Ranked> rows, int limit, LogSort sort, SortOrder order) {
        List<Ranked> shown = rows.subList(0, Math.min(limit, rows.size()));
        List<LogEvent> items = shown.stream().map(Ranked::event).toList();
        if (rows.size() <= limit) {
            return new Page(items, null);
        }
        Ranked last = shown.get(shown.size() - 1);
        return new Page(items, Cursor.after(sort, order, last.event(), last.value()));
    }
}
