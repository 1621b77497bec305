package dev.tokenmeter.query.budget;

import static dev.tokenmeter.query.budget.Rows.text;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /budgets/check}: whether a call with given attributes is within every hard budget whose
 * scope matches them, answered from the standing each evaluation saves in {@code budget_state} (so
 * every instance answers the same) with one indexed query per tenant, cached for
 * {@link BudgetSettings#checkCacheTtl()}. The answer flips within one evaluation (plus the cache's
 * time) after a hard budget is spent.
 */
@Component
class BudgetCheck {

    private static final String SAVE = """
            INSERT INTO budget_state (budget_id, tenant, period_start, period_end, spent, evaluated_at)
            VALUES (:budget, :tenant, :periodStart, :periodEnd, :spent, :at)
            ON CONFLICT (budget_id) DO UPDATE SET period_start = excluded.period_start, period_end = excluded.period_end,
                spent = excluded.spent, evaluated_at = excluded.evaluated_at
            WHERE budget_state.evaluated_at <= excluded.evaluated_at""";
    private static final String HARD = """
            SELECT b.id, b.name, b.scope::text AS scope, b.period, b.tz, b.limit_usd, b.limit_tokens,
                   s.period_start, s.spent, s.evaluated_at
            FROM budget b LEFT JOIN budget_state s ON s.budget_id = b.id
            WHERE b.tenant = :tenant AND b.hard""";
    private static final TypeReference<Map<String, List<String>>> SCOPE = new TypeReference<>() {
    };
    private static final int MAX_TENANTS = 10_000;

    /** A hard budget with its last saved standing (null when never evaluated). */
    record Hard(String id, String name, Map<String, List<String>> scope, PeriodUnit period, ZoneId zone, Limit limit,
            @Nullable Instant statePeriodStart, @Nullable BigDecimal spent, @Nullable Instant evaluatedAt) {

        boolean matches(Map<String, String> call) {
            return scope.entrySet().stream().allMatch(filter -> {
                String value = call.get(filter.getKey());
                return value != null && filter.getValue().contains(value);
            });
        }
    }

    /**
     * The answer.
     *
     * @param allowed   false once any matching hard budget's spend has reached its limit in its current period
     * @param remaining what the deciding budget still allows in its period, in its {@code unit} (0 when spent)
     * @param resetsAt  the end of the deciding budget's period, when its spend starts again from zero
     * @param budget    the deciding budget: a spent one, else the one with the smallest share left; null when
     *                  no hard budget matches (then {@code allowed} is true)
     * @param matched   how many hard budgets match the call
     */
    record Answer(boolean allowed, @Nullable BigDecimal remaining, @Nullable String unit, @Nullable Instant resetsAt,
            @Nullable Deciding budget, int matched) {
    }

    /**
     * @param evaluatedAt when the spend was last evaluated; null when never (spend then counts as 0)
     */
    record Deciding(String id, String name, BigDecimal limit, BigDecimal spent, Instant periodStart, Instant periodEnd,
            @Nullable Instant evaluatedAt) {
    }

    private record Standing(Hard budget, BudgetPeriod period, BigDecimal spent, BigDecimal remaining, BigDecimal shareLeft) {
    }

    private final DatabaseClient db;
    private final AsyncCache<String, List<Hard>> cache;
    private final JsonMapper json = JsonMapper.builder().build();

    BudgetCheck(DatabaseClient db, BudgetSettings settings) {
        this.db = db;
        this.cache = Caffeine.newBuilder().maximumSize(MAX_TENANTS).expireAfterWrite(settings.checkCacheTtl()).buildAsync();
    }

    /** Saves an evaluation of a budget's current period. */
    Mono<Void> save(Evaluation e) {
        return db.sql(SAVE)
                .bind("budget", e.budget().id())
                .bind("tenant", e.budget().tenant())
                .bind("periodStart", e.period().start())
                .bind("periodEnd", e.period().end())
                .bind("spent", e.spent())
                .bind("at", e.at())
                .fetch().rowsUpdated().then();
    }

    /** @param call the call's attributes by filter name ({@code project}, {@code apiKey}, {@code tag.env}, ...) */
    Mono<Answer> check(String tenant, Map<String, String> call, Instant now) {
        return Mono.fromFuture(() -> cache.get(tenant, (key, executor) -> hard(key).toFuture()))
                .map(budgets -> answer(budgets, call, now));
    }

    private Mono<List<Hard>> hard(String tenant) {
        return db.sql(HARD).bind("tenant", tenant).map(this::hard).all().collectList();
    }

    private static Answer answer(List<Hard> budgets, Map<String, String> call, Instant now) {
        List<Standing> matching = budgets.stream().filter(b -> b.matches(call)).map(b -> standing(b, now)).toList();
        Standing deciding = matching.stream()
                .min(Comparator.comparing(Standing::shareLeft).thenComparing(s -> s.period().end(), Comparator.reverseOrder()))
                .orElse(null);
        if (deciding == null) {
            return new Answer(true, null, null, null, null, 0);
        }
        Hard b = deciding.budget();
        return new Answer(deciding.remaining().signum() > 0, BudgetViews.plain(deciding.remaining()), b.limit().measure().code(),
                deciding.period().end(),
                new Deciding(b.id(), b.name(), BudgetViews.plain(b.limit().amount()), BudgetViews.plain(deciding.spent()),
                        deciding.period().start(), deciding.period().end(), b.evaluatedAt()),
                matching.size());
    }

    /** A standing saved for an earlier period counts as nothing spent yet in the current one. */
    private static Standing standing(Hard b, Instant now) {
        BudgetPeriod period = BudgetPeriod.containing(b.period(), b.zone(), now);
        BigDecimal spent = b.spent() != null && period.start().equals(b.statePeriodStart()) ? b.spent() : BigDecimal.ZERO;
        BigDecimal remaining = b.limit().amount().subtract(spent).max(BigDecimal.ZERO);
        return new Standing(b, period, spent, remaining, Evaluation.share(remaining, b.limit().amount()));
    }

    private Hard hard(Readable row) {
        BigDecimal usd = row.get("limit_usd", BigDecimal.class);
        Long tokens = row.get("limit_tokens", Long.class);
        Limit limit = usd != null ? Limit.usd(BudgetViews.plain(usd)) : Limit.tokens(Objects.requireNonNull(tokens));
        return new Hard(text(row, "id"), text(row, "name"), json.readValue(text(row, "scope"), SCOPE),
                PeriodUnit.fromCode(text(row, "period")), ZoneId.of(text(row, "tz")), limit,
                row.get("period_start", Instant.class), row.get("spent", BigDecimal.class), row.get("evaluated_at", Instant.class));
    }
}
