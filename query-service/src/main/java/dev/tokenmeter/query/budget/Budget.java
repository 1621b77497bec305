package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.usage.Filters;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A stored budget.
 *
 * @param scope      the contract's filters by parameter name ({@code project}, {@code tag.env}, ...),
 *                   each a list of values OR-ed, the filters AND-ed; empty for the whole tenant
 * @param thresholds percents of the limit that raise an alert, ascending
 * @param forecast   whether a linear projection crossing the limit before the period ends raises an alert
 * @param hard       whether {@code GET /budgets/check} refuses calls in its scope once the limit is reached
 * @param notifyPolicy how often its channels are notified
 */
record Budget(String id, String tenant, String name, Map<String, List<String>> scope, PeriodUnit period, ZoneId zone,
        Limit limit, List<Integer> thresholds, boolean forecast, boolean hard, NotifyPolicy notifyPolicy, List<Channel> channels,
        Instant createdAt, Instant updatedAt) {

    /** The scope as the filters the usage queries take. */
    Filters filters() {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        scope.forEach(params::addAll);
        return Filters.from(params);
    }

    BudgetPeriod periodAt(Instant at) {
        return BudgetPeriod.containing(period, zone, at);
    }

    Budget withChannels(List<Channel> channels) {
        return new Budget(id, tenant, name, scope, period, zone, limit, thresholds, forecast, hard, notifyPolicy, channels, createdAt,
                updatedAt);
    }
}
