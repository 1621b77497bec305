package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Events turned column-wise: the parallel arrays of {@link BatchSql#EVENT_COLUMNS}, bound as $1..$26. */
final class Columns {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Columns() {
    }

    static Object[] of(List<PricedEvent> batch) {
        int n = batch.size();
        String[] tenant = new String[n], id = new String[n], time = new String[n], provider = new String[n],
                model = new String[n], endpoint = new String[n], project = new String[n], apiKey = new String[n],
                user = new String[n], status = new String[n], errorType = new String[n], errorMessage = new String[n],
                cost = new String[n], costSource = new String[n], priceRef = new String[n], tags = new String[n],
                serviceTier = new String[n], units = new String[n], unitCosts = new String[n];
        Integer[] latency = new Integer[n];
        Long[] input = new Long[n], cached = new Long[n], cacheWrite = new Long[n], output = new Long[n],
                reasoning = new Long[n];
        Boolean[] priced = new Boolean[n];
        for (int i = 0; i < n; i++) {
            PricedEvent item = batch.get(i);
            UsageEvent e = item.event();
            tenant[i] = e.tenant();
            id[i] = e.id();
            time[i] = e.time().toString();
            provider[i] = e.provider();
            model[i] = e.model();
            endpoint[i] = e.endpoint();
            project[i] = e.project();
            apiKey[i] = e.apiKey();
            user[i] = e.user();
            status[i] = e.status().code();
            EventError error = e.error();
            errorType[i] = error == null ? null : error.type();
            errorMessage[i] = error == null ? null : error.message();
            latency[i] = e.latencyMs();
            input[i] = e.usage().inputTokens();
            cached[i] = e.usage().cachedInputTokens();
            cacheWrite[i] = e.usage().cacheWriteTokens();
            output[i] = e.usage().outputTokens();
            reasoning[i] = e.usage().reasoningTokens();
            cost[i] = item.cost().usd().toPlainString();
            priced[i] = item.cost().priced();
            costSource[i] = item.cost().source().name().toLowerCase(Locale.ROOT);
            priceRef[i] = item.cost().reference();
            tags[i] = JSON.writeValueAsString(e.tags());
            serviceTier[i] = e.serviceTier().code();
            units[i] = e.units().isEmpty() ? null : JSON.writeValueAsString(e.units());
            unitCosts[i] = item.cost().unitCosts().isEmpty() ? null : unitCosts(item.cost().unitCosts());
        }
        return new Object[] {tenant, id, time, provider, model, endpoint, project, apiKey, user, status,
                errorType, errorMessage, latency, input, cached, cacheWrite, output, reasoning,
                cost, priced, costSource, priceRef, tags, serviceTier, units, unitCosts};
    }

    /** Each cost source as the {@code cost_source} column spells it. */
    static Map<Cost.Source, String> costSources() {
        Map<Cost.Source, String> spelled = new EnumMap<>(Cost.Source.class);
        for (Cost.Source source : Cost.Source.values()) {
            spelled.put(source, source.name().toLowerCase(Locale.ROOT));
        }
        return spelled;
    }

    /** {unit: usd} with exact decimal numbers (never through a double). */
    static String unitCosts(java.util.Map<String, java.math.BigDecimal> costs) {
        StringBuilder json = new StringBuilder("{");
        costs.forEach((unit, usd) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(JSON.writeValueAsString(unit)).append(':').append(usd.toPlainString());
        });
        return json.append('}').toString();
    }
}
