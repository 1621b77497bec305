package dev.tokenmeter.ingest.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Makes sure the monthly partitions of {@code usage_event} exist before events land in them.
 * Months already ensured are remembered, so the common case costs no round trip.
 */
@Component
class Partitions {

    private final DatabaseClient db;
    private final Set<YearMonth> ensured = ConcurrentHashMap.newKeySet();

    Partitions(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> ensure(Collection<Instant> times) {
        YearMonth first = null;
        YearMonth last = null;
        for (Instant time : times) {
            YearMonth month = YearMonth.from(time.atOffset(ZoneOffset.UTC));
            if (!ensured.contains(month)) {
                first = first == null || month.isBefore(first) ? month : first;
                last = last == null || month.isAfter(last) ? month : last;
            }
        }
        if (first == null) {
            return Mono.empty();
        }
        YearMonth from = first;
        YearMonth to = last;
        return db.sql("SELECT ensure_usage_event_partitions($1, $2)")
                .bind(0, from.atDay(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .bind(1, to.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
                .then()
                .doOnSuccess(done -> {
                    for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                        ensured.add(month);
                    }
                });
    }
}
