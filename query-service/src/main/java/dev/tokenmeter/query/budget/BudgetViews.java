package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON of the budget endpoints. Amounts are exact decimals without trailing zeros. */
final class BudgetViews {

    private BudgetViews() {
    }

    record Page<T>(List<T> items) {
    }

    /**
     * A budget as the API shows it: never a channel's secret, and channel URLs whole only to those who
     * manage the budget. Exactly one of limitUsd, limitTokens is set.
     */
    record BudgetView(String id, String tenant, String name, Map<String, List<String>> scope, String period, String tz,
            @Nullable BigDecimal limitUsd, @Nullable Long limitTokens, List<Integer> thresholds, boolean forecast,
            boolean hard, @com.fasterxml.jackson.annotation.JsonProperty("notify") String notifyPolicy, List<ChannelView> channels,
            Instant createdAt, Instant updatedAt) {

        /** @param wholeUrls whether the reader may see channel URLs whole (admins); else they are masked */
        static BudgetView of(Budget b, boolean wholeUrls) {
            boolean usd = b.limit().measure() == Limit.Measure.USD;
            return new BudgetView(b.id(), b.tenant(), b.name(), b.scope(), b.period().code(), b.zone().getId(),
                    usd ? plain(b.limit().amount()) : null, usd ? null : b.limit().amount().longValueExact(),
                    b.thresholds(), b.forecast(), b.hard(), b.notifyPolicy().param(),
                    b.channels().stream().map(c -> ChannelView.of(c, wholeUrls)).toList(), b.createdAt(), b.updatedAt());
        }
    }

    /**
     * A channel; {@code hasSecret} says whether deliveries are signed, the secret itself is write-only.
     *
     * @param url the whole URL for admins; scheme, host and port then {@code /…} for viewers (a Slack
     *            webhook's path is its credential)
     */
    record ChannelView(String id, String type, @Nullable String url, String format, boolean hasSecret,
            @Nullable List<String> recipients) {

        static ChannelView of(Channel c, boolean wholeUrl) {
            if (c.format() == Channel.Format.EMAIL) {
                return new ChannelView(c.id(), "email", null, c.format().code(), false, c.recipients());
            }
            return new ChannelView(c.id(), "webhook", BudgetViews.url(c.url().toString(), wholeUrl), c.format().code(),
                    c.secret() != null, null);
        }
    }

    /** A channel URL as a reader sees it: whole for admins, masked otherwise. */
    static String url(String url, boolean whole) {
        return whole ? url : OutboundGuard.masked(url);
    }

    /** A period with its bounds in the budget's zone (RFC 3339 with the offset of that instant). */
    record PeriodView(String unit, String tz, String start, String end) {

        static PeriodView of(BudgetPeriod p) {
            return new PeriodView(p.unit().code(), p.zone().getId(), p.local(p.start()), p.local(p.end()));
        }
    }

    /**
     * The linear projection, in the limit's unit.
     *
     * @param crossingAt   when the limit will be crossed at the current pace; null if not within the period
     *                     (or already crossed)
     * @param exceedsLimit whether the projected end-of-period spend reaches the limit
     */
    record ProjectionView(String method, BigDecimal endOfPeriod, BigDecimal share, @Nullable String crossingAt,
            boolean exceedsLimit, double elapsedShare) {

        static ProjectionView of(Evaluation e) {
            Projection p = e.projection();
            BigDecimal limit = e.budget().limit().amount();
            return new ProjectionView(Projection.METHOD, plain(p.endOfPeriod()), plain(Evaluation.share(p.endOfPeriod(), limit)),
                    p.crossingAt() == null ? null : e.period().local(p.crossingAt()),
                    p.endOfPeriod().compareTo(limit) >= 0, Math.round(p.elapsedShare() * 1e6) / 1e6);
        }
    }

    /**
     * {@code GET /budgets/{id}/status}.
     *
     * @param unit  {@code usd} or {@code tokens}: the unit of limit, spent and the projection
     * @param share spent / limit (1 = the limit)
     */
    record StatusView(String budgetId, String name, PeriodView period, String asOf, String unit, BigDecimal limit,
            BigDecimal spent, BigDecimal spentUsd, long spentTokens, long requests, BigDecimal share,
            boolean limitReached, ProjectionView projection, List<Integer> thresholds, List<Integer> thresholdsCrossed) {

        static StatusView of(Evaluation e) {
            Budget b = e.budget();
            return new StatusView(b.id(), b.name(), PeriodView.of(e.period()), e.period().local(e.at()),
                    b.limit().measure().code(), plain(b.limit().amount()), plain(e.spent()), plain(e.spentUsd()),
                    e.spentTokens(), e.requests(), plain(e.share()), e.limitReached(), ProjectionView.of(e),
                    b.thresholds(), e.crossed());
        }
    }

    static BigDecimal plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
