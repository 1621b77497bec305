package dev.tokenmeter.ingest.store;

import dev.tokenmeter.copy.CopyText;
import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.Timestamps;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Events as the body of {@code COPY usage_event (…) FROM STDIN} in PostgreSQL's text format: one
 * line per event, the columns of {@link BatchSql#EVENT_COLUMNS} separated by tabs, {@code \N} for
 * null. Streaming rows this way costs the database far less than unnesting ~23 text-encoded
 * parameter arrays (no array parsing, no executor node per column, the table's multi-insert path),
 * and costs the service one pass over the events.
 */
final class CopyRows {

    /** The {@code cost_source} column's spelling of each source, spelled once rather than per event. */
    private static final Map<Cost.Source, String> SOURCES = Columns.costSources();

    private CopyRows() {
    }

    static byte[] of(List<PricedEvent> events) {
        StringBuilder out = new StringBuilder(events.size() * 320);
        StringBuilder json = new StringBuilder(128);
        for (PricedEvent item : events) {
            line(out, json, item);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, StringBuilder json, PricedEvent item) {
        UsageEvent e = item.event();
        EventError error = e.error();
        text(out, e.tenant()).append('\t');
        text(out, e.id()).append('\t');
        Timestamps.append(out, e.time()).append('\t');
        text(out, e.provider()).append('\t');
        text(out, e.model()).append('\t');
        text(out, e.endpoint()).append('\t');
        text(out, e.project()).append('\t');
        text(out, e.apiKey()).append('\t');
        text(out, e.user()).append('\t');
        text(out, e.status().code()).append('\t');
        text(out, error == null ? null : error.type()).append('\t');
        text(out, error == null ? null : error.message()).append('\t');
        if (e.latencyMs() == null) {
            out.append(CopyText.NULL);
        } else {
            out.append(e.latencyMs().intValue());
        }
        out.append('\t').append(e.usage().inputTokens())
                .append('\t').append(e.usage().cachedInputTokens())
                .append('\t').append(e.usage().cacheWriteTokens())
                .append('\t').append(e.usage().outputTokens())
                .append('\t').append(e.usage().reasoningTokens())
                .append('\t').append(item.cost().usd().toPlainString())
                .append('\t').append(item.cost().priced() ? 't' : 'f')
                .append('\t');
        text(out, SOURCES.get(item.cost().source())).append('\t');
        text(out, item.cost().reference()).append('\t');
        text(out, JsonText.object(json, e.tags())).append('\t');
        text(out, e.serviceTier().code()).append('\t');
        text(out, e.units().isEmpty() ? null : JsonText.object(json, e.units())).append('\t');
        text(out, item.cost().unitCosts().isEmpty() ? null : Columns.unitCosts(item.cost().unitCosts())).append('\n');
    }

    private static StringBuilder text(StringBuilder out, @Nullable CharSequence value) {
        return CopyText.append(out, value);
    }
}
