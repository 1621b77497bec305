package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.budget.BudgetViews.PeriodView;
import dev.tokenmeter.query.budget.BudgetViews.ProjectionView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an alert says: the JSON body a {@code json} webhook receives (and the alert stores), and the
 * text of a {@code slack} one.
 *
 * @param id        the alert's id, the same in {@code GET /alerts}: receivers can deduplicate on it
 * @param type      {@code budget.threshold} or {@code budget.forecast}
 * @param threshold percent of the limit; 100 for a forecast
 * @param unit      {@code usd} or {@code tokens}: the unit of spent, limit and the projection
 * @param share     spent / limit (1 = the limit)
 * @param time      when the alert was raised, RFC 3339 in the budget's zone
 * @param asOf      the instant the figures are for
 * @param test      true only for a message sent by the budget's {@code test} action: no threshold was crossed
 */
record AlertBody(String id, String type, String tenant, BudgetRef budget, PeriodView period, int threshold,
        String unit, BigDecimal spent, BigDecimal limit, BigDecimal share, BigDecimal spentUsd, long spentTokens,
        ProjectionView projection, String asOf, String time, boolean test) {

    /** The budget that raised the alert. */
    record BudgetRef(String id, String name, Map<String, List<String>> scope) {
    }

    static AlertBody of(String id, Evaluation e, AlertKey key, Instant raisedAt, boolean test) {
        Budget b = e.budget();
        return new AlertBody(id, "budget." + key.kind().code(), b.tenant(), new BudgetRef(b.id(), b.name(), b.scope()),
                PeriodView.of(e.period()), key.threshold(), b.limit().measure().code(), BudgetViews.plain(e.spent()),
                BudgetViews.plain(b.limit().amount()), BudgetViews.plain(e.share()), BudgetViews.plain(e.spentUsd()),
                e.spentTokens(), ProjectionView.of(e), e.period().local(e.at()), e.period().local(raisedAt), test);
    }

    /** One line for a chat message. */
    String text() {
        return (test ? AlertEmail.TEST_MARKER : "") + message();
    }

    private String message() {
        String percent = share.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_EVEN).toPlainString() + "%";
        String where = "Budget \"" + budget.name() + "\" (tenant " + tenant + ")";
        String when = "the " + period.unit() + " from " + period.start() + " (" + period.tz() + ")";
        if (type.equals("budget.forecast")) {
            return ":crystal_ball: " + where + " is on pace to exceed its limit of " + amount(limit) + " around "
                    + projection.crossingAt() + ": " + amount(spent) + " so far (" + percent + ") in " + when + ", "
                    + amount(projection.endOfPeriod()) + " projected by its end.";
        }
        return ":warning: " + where + " reached " + threshold + "% of its limit: " + amount(spent) + " of " + amount(limit)
                + " (" + percent + ") in " + when + ". At the current pace: " + amount(projection.endOfPeriod()) + " by its end.";
    }

    private String amount(BigDecimal value) {
        return unit.equals("usd")
                ? "$" + value.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                : String.format(Locale.ROOT, "%,d tokens", value.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }
}
