package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.rules.Bodies.BudgetAtRisk;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The budgets a digest lists as at risk: those whose current period, as the last budget evaluation saw
 * it (table {@code budget_state}, shared by all instances), used at least the configured share of the limit.
 */
@Component
class BudgetsAtRisk {

    private static final String AT_RISK = """
            SELECT b.id, b.name, CASE WHEN b.limit_usd IS NULL THEN 'tokens' ELSE 'usd' END AS unit, s.spent,
                   coalesce(b.limit_usd, b.limit_tokens::numeric) AS lim, s.period_end
            FROM budget b JOIN budget_state s ON s.budget_id = b.id
            WHERE b.tenant = :tenant AND s.period_end > :at AND s.spent >= :share * coalesce(b.limit_usd, b.limit_tokens::numeric)
            ORDER BY s.spent / coalesce(b.limit_usd, b.limit_tokens::numeric) DESC, b.id
            LIMIT 20""";

    private final DatabaseClient db;
    private final RuleSettings settings;

    BudgetsAtRisk(DatabaseClient db, RuleSettings settings) {
        this.db = db;
        this.settings = settings;
    }

    Flux<BudgetAtRisk> of(String tenant, Instant at) {
        return db.sql(AT_RISK).bind("tenant", tenant).bind("at", at).bind("share", settings.budgetRiskShare())
                .map(row -> {
                    BigDecimal spent = Objects.requireNonNull(row.get("spent", BigDecimal.class));
                    BigDecimal limit = Objects.requireNonNull(row.get("lim", BigDecimal.class));
                    return new BudgetAtRisk(Rules.text(row, "id"), Rules.text(row, "name"), Rules.text(row, "unit"),
                            spent.stripTrailingZeros(), limit.stripTrailingZeros(),
                            spent.divide(limit, MathContext.DECIMAL64).setScale(4, RoundingMode.HALF_EVEN),
                            Rules.instant(row, "period_end").toString());
                })
                .all();
    }
}
