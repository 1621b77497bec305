package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.copy.CopyText;
import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import dev.tokenmeter.pricing.PriceCatalog;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The baselines' view of a record: parsed, validated and priced with the product's own core code
 * (the same work the ingest service does per event), as the values of a {@code usage_event} row.
 */
final class EventRows {

    /** The columns of {@code usage_event} the baselines fill, in {@link #values} order. */
    static final String COLUMNS = "tenant, id, event_time, provider, model, endpoint, project, api_key, user_id, status, "
            + "error_type, error_message, latency_ms, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, "
            + "reasoning_tokens, cost_usd, priced, cost_source, price_ref, tags";
    static final int COLUMN_COUNT = 23;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EventReader reader = new EventReader(EventLimits.DEFAULT, Clock.systemUTC());
    private final PriceCatalog prices = PriceCatalog.builtIn();

    /** The row of a valid record; null for an invalid one (the bench's records are all valid). */
    Object @Nullable [] values(byte[] record) {
        if (!(reader.read(record) instanceof ParseResult.Valid valid)) {
            return null;
        }
        UsageEvent e = valid.event();
        Cost cost = prices.cost(e);
        EventError error = e.error();
        return new Object[] {
                e.tenant(), e.id(), OffsetDateTime.ofInstant(e.time(), ZoneOffset.UTC), e.provider(), e.model(), e.endpoint(),
                e.project(), e.apiKey(), e.user(), e.status().code(),
                error == null ? null : error.type(), error == null ? null : error.message(), e.latencyMs(),
                e.usage().inputTokens(), e.usage().cachedInputTokens(), e.usage().cacheWriteTokens(), e.usage().outputTokens(),
                e.usage().reasoningTokens(), cost.usd(), cost.priced(), cost.source().name().toLowerCase(Locale.ROOT),
                cost.reference(), JSON.writeValueAsString(e.tags())};
    }

    /** The row as a line of COPY's text format, escaped as the ingest service escapes its rows. */
    static String copyLine(Object[] values) {
        StringBuilder line = new StringBuilder(256);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object v = values[i];
            if (v instanceof Boolean b) {
                line.append(b ? 't' : 'f');
            } else if (v instanceof java.math.BigDecimal d) {
                line.append(d.toPlainString());
            } else {
                CopyText.append(line, v == null ? null : v.toString());
            }
        }
        return line.append('\n').toString();
    }
}
