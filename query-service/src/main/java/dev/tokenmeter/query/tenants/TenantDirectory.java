package dev.tokenmeter.query.tenants;

import dev.tokenmeter.query.QuerySettings;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Every tenant that has usage or keys, with when its usage was first and last seen, from the
 * tenant-total rows of the one-dimension rollups (kept as long as rollups are) and the key table.
 */
@Component
record TenantDirectory(DatabaseClient db, QuerySettings settings) {

    /** A tenant; both times null when it has keys but no usage yet. */
    record Known(String name, @Nullable Instant firstSeen, @Nullable Instant lastSeen) {
    }

    /*
     * The first usage: the first 15-minute rollup bucket of the tenant (an index's first entry), then
     * the first raw event inside it (an index range), or that bucket's start once retention dropped
     * the raw events. The last usage: the latest daily row's last_seen, an event's own time.
     */
    private static final String SQL = """
            WITH tenants AS (
                SELECT tenant FROM usage_dim_rollup_1d WHERE dim = '' GROUP BY tenant
                UNION
                SELECT tenant FROM api_key GROUP BY tenant
            ),
            first_bucket AS (
                SELECT t.tenant,
                    (SELECT min(r.bucket_start) FROM usage_dim_rollup_15m r WHERE r.tenant = t.tenant AND r.dim = '') AS bucket,
                    (SELECT max(d.last_seen) FROM usage_dim_rollup_1d d WHERE d.tenant = t.tenant AND d.dim = ''
                        AND d.bucket_start = (SELECT max(m.bucket_start) FROM usage_dim_rollup_1d m
                                              WHERE m.tenant = t.tenant AND m.dim = '')) AS last_seen
                FROM tenants t
            )
            SELECT f.tenant, f.last_seen,
                coalesce((SELECT min(e.event_time) FROM usage_event e
                          WHERE e.tenant = f.tenant AND e.event_time >= f.bucket AND e.event_time < f.bucket + interval '15 minutes'),
                         f.bucket) AS first_seen
            FROM first_bucket f
            ORDER BY f.tenant COLLATE "C"
            LIMIT :limit
            """;

    /** The first {@code limit} tenants in code point order of their names. */
    Flux<Known> tenants(int limit) {
        return db.sql(SQL)
                .bind("limit", limit)
                .map(row -> new Known(Objects.requireNonNull(row.get("tenant", String.class)),
                        instant(row.get("first_seen", OffsetDateTime.class)),
                        instant(row.get("last_seen", OffsetDateTime.class))))
                .all()
                .timeout(settings.queryTimeout());
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
