package dev.tokenmeter.query.budget;

import static dev.tokenmeter.query.budget.Rows.instant;
import static dev.tokenmeter.query.budget.Rows.text;

import dev.tokenmeter.query.ids.Ids;
import dev.tokenmeter.query.web.BadParameter;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The budgets and their channels (tables {@code budget}, {@code budget_channel}, migration {@code V8__budgets.sql}). */
@Component
record Budgets(DatabaseClient db, TransactionalOperator transaction, BudgetSettings settings) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            SELECT id, tenant, name, scope::text AS scope, period, tz, limit_usd, limit_tokens, thresholds, forecast,
                   hard, notify, created_at, updated_at
            FROM budget""";
    private static final String BY_TENANT = COLUMNS + " WHERE tenant = :tenant ORDER BY created_at, id";
    private static final String BY_ID = COLUMNS + " WHERE tenant = :tenant AND id = :id";
    private static final String ALL = COLUMNS + " ORDER BY tenant, id";
    private static final String COUNT = "SELECT count(*) AS n FROM budget WHERE tenant = :tenant";
    private static final String INSERT = """
            INSERT INTO budget (id, tenant, name, scope, period, tz, limit_usd, limit_tokens, thresholds, forecast, hard, notify)
            VALUES (:id, :tenant, :name, CAST(:scope AS jsonb), :period, :tz, :limitUsd, :limitTokens, :thresholds, :forecast,
                    :hard, :notify)""";
    private static final String UPDATE = """
            UPDATE budget SET name = :name, scope = CAST(:scope AS jsonb), period = :period, tz = :tz, limit_usd = :limitUsd,
                limit_tokens = :limitTokens, thresholds = :thresholds, forecast = :forecast, hard = :hard, notify = :notify,
                updated_at = now()
            WHERE id = :id AND tenant = :tenant""";
    private static final String DELETE = "DELETE FROM budget WHERE id = :id AND tenant = :tenant";
    private static final String CHANNELS = """
            SELECT id, budget_id, url, format, secret FROM budget_channel
            WHERE budget_id = ANY(:budgets) ORDER BY budget_id, position""";
    private static final String DELETE_CHANNELS = "DELETE FROM budget_channel WHERE budget_id = :budget";
    private static final String INSERT_CHANNEL = """
            INSERT INTO budget_channel (id, budget_id, position, url, format, secret)
            VALUES (:id, :budget, :position, :url, :format, :secret)""";
    private static final TypeReference<Map<String, List<String>>> SCOPE = new TypeReference<>() {
    };

    Flux<Budget> list(String tenant) {
        return withChannels(db.sql(BY_TENANT).bind("tenant", tenant).map(this::budget).all());
    }

    Mono<Budget> find(String tenant, String id) {
        return withChannels(db.sql(BY_ID).bind("tenant", tenant).bind("id", id).map(this::budget).all()).next();
    }

    /** Every tenant's budgets, for the evaluator. */
    Flux<Budget> all() {
        return withChannels(db.sql(ALL).map(this::budget).all());
    }

    /** Creates a budget; 400 on {@code name} when the tenant already has the most budgets allowed. */
    Mono<Budget> create(String tenant, BudgetBody.Spec spec) {
        String id = Ids.budget();
        List<Channel> channels = spec.channels().stream()
                .map(c -> new Channel(Ids.channel(), c.url(), c.format(), c.secret()))
                .toList();
        return db.sql(COUNT).bind("tenant", tenant).map(row -> row.get("n", Long.class)).one()
                .filter(count -> count < settings.maxPerTenant())
                .switchIfEmpty(Mono.error(() -> new BadParameter("name",
                        "the tenant already has " + settings.maxPerTenant() + " budgets, the most allowed")))
                .then(bindSpec(db.sql(INSERT), id, tenant, spec).fetch().rowsUpdated())
                .thenMany(insertChannels(id, channels))
                .then(find(tenant, id))
                .as(transaction::transactional);
    }

    /**
     * Replaces a budget's settings and channels; empty when the tenant has no such budget. A channel
     * sent with its {@code id} and without a secret keeps its secret.
     */
    Mono<Budget> update(String tenant, String id, BudgetBody.Spec spec) {
        return bindSpec(db.sql(UPDATE), id, tenant, spec).fetch().rowsUpdated()
                .filter(rows -> rows > 0)
                .flatMap(updated -> channels(List.of(id)).collectList())
                .map(existing -> resolve(spec.channels(), existing))
                .flatMap(channels -> db.sql(DELETE_CHANNELS).bind("budget", id).fetch().rowsUpdated()
                        .thenMany(insertChannels(id, channels))
                        .then(find(tenant, id)))
                .as(transaction::transactional);
    }

    Mono<Boolean> delete(String tenant, String id) {
        return db.sql(DELETE).bind("id", id).bind("tenant", tenant).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** The channels to store: sent ids must be the budget's, and keep their secret unless a new one is sent. */
    private static List<Channel> resolve(List<ChannelBody.ChannelSpec> specs, List<Channel> existing) {
        Map<String, Channel> byId = existing.stream().collect(Collectors.toMap(Channel::id, Function.identity()));
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ChannelBody.ChannelSpec spec = specs.get(i);
            if (spec.id() == null) {
                channels.add(new Channel(Ids.channel(), spec.url(), spec.format(), spec.secret()));
                continue;
            }
            Channel old = byId.remove(spec.id());
            if (old == null) {
                throw new BadParameter("channels[" + i + "].id", "is not a channel of this budget; leave it out for a new channel");
            }
            String secret = spec.secret() != null ? spec.secret() : old.secret();
            if (secret == null && spec.format() == Channel.Format.JSON) {
                throw new BadParameter("channels[" + i + "].secret", "is required for a json webhook: it signs every delivery");
            }
            channels.add(new Channel(old.id(), spec.url(), spec.format(), secret));
        }
        return channels;
    }

    private DatabaseClient.GenericExecuteSpec bindSpec(DatabaseClient.GenericExecuteSpec sql, String id, String tenant,
            BudgetBody.Spec spec) {
        Limit limit = spec.limit();
        boolean usd = limit.measure() == Limit.Measure.USD;
        DatabaseClient.GenericExecuteSpec bound = sql.bind("id", id)
                .bind("tenant", tenant)
                .bind("name", spec.name())
                .bind("scope", JSON.writeValueAsString(spec.scope()))
                .bind("period", spec.period().code())
                .bind("tz", spec.zone().getId())
                .bind("thresholds", spec.thresholds().toArray(Integer[]::new))
                .bind("forecast", spec.forecast())
                .bind("hard", spec.hard())
                .bind("notify", spec.notifyPolicy().column());
        bound = usd ? bound.bind("limitUsd", limit.amount()) : bound.bindNull("limitUsd", BigDecimal.class);
        return usd ? bound.bindNull("limitTokens", Long.class) : bound.bind("limitTokens", limit.amount().longValueExact());
    }

    private Flux<Long> insertChannels(String budget, List<Channel> channels) {
        return Flux.range(0, channels.size())
                .concatMap(position -> insertChannel(budget, position, channels.get(position)));
    }

    private Mono<Long> insertChannel(String budget, int position, Channel channel) {
        DatabaseClient.GenericExecuteSpec insert = db.sql(INSERT_CHANNEL)
                .bind("id", channel.id())
                .bind("budget", budget)
                .bind("position", position)
                .bind("url", channel.url().toString())
                .bind("format", channel.format().code());
        insert = channel.secret() == null ? insert.bindNull("secret", String.class) : insert.bind("secret", channel.secret());
        return insert.fetch().rowsUpdated();
    }

    /** Attaches each budget's channels, with one more query for the lot. */
    private Flux<Budget> withChannels(Flux<Budget> budgets) {
        return budgets.collectList()
                .flatMapMany(list -> list.isEmpty() ? Flux.empty() : channelsOf(list));
    }

    private Flux<Budget> channelsOf(List<Budget> budgets) {
        List<String> ids = budgets.stream().map(Budget::id).toList();
        return db.sql(CHANNELS).bind("budgets", ids.toArray(String[]::new))
                .map(row -> Map.entry(text(row, "budget_id"), channel(row)))
                .all()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
                .flatMapIterable(byBudget -> budgets.stream()
                        .map(b -> b.withChannels(byBudget.getOrDefault(b.id(), List.of())))
                        .toList());
    }

    private Flux<Channel> channels(List<String> budgets) {
        return db.sql(CHANNELS).bind("budgets", budgets.toArray(String[]::new)).map(Budgets::channel).all();
    }

    private Budget budget(Readable row) {
        BigDecimal usd = row.get("limit_usd", BigDecimal.class);
        Long tokens = row.get("limit_tokens", Long.class);
        Limit limit = usd != null ? Limit.usd(BudgetViews.plain(usd)) : Limit.tokens(Objects.requireNonNull(tokens));
        Integer[] thresholds = Objects.requireNonNull(row.get("thresholds", Integer[].class));
        return new Budget(text(row, "id"), text(row, "tenant"), text(row, "name"),
                JSON.readValue(text(row, "scope"), SCOPE), PeriodUnit.fromCode(text(row, "period")),
                ZoneId.of(text(row, "tz")), limit, List.of(thresholds), Boolean.TRUE.equals(row.get("forecast", Boolean.class)),
                Boolean.TRUE.equals(row.get("hard", Boolean.class)), NotifyPolicy.fromColumn(text(row, "notify")), List.of(),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Channel channel(Readable row) {
        return new Channel(text(row, "id"), URI.create(text(row, "url")), Channel.Format.fromCode(text(row, "format")),
                row.get("secret", String.class));
    }
}
