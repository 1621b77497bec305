package dev.tokenmeter.query.rules;

import io.r2dbc.spi.Readable;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Rules and their channels (tables {@code alert_rule}, {@code alert_rule_channel}). */
@Component
record Rules(DatabaseClient db, TransactionalOperator transaction) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = """
            SELECT id, tenant, kind, name, scope::text AS scope, spec::text AS spec, enabled, created_at, updated_at FROM alert_rule""";
    private static final String ORDER = " ORDER BY created_at, id";
    private static final String INSERT = """
            INSERT INTO alert_rule (id, tenant, kind, name, scope, spec, enabled, created_at, updated_at)
            VALUES (:id, :tenant, :kind, :name, CAST(:scope AS jsonb), CAST(:spec AS jsonb), :enabled, :at, :at)""";
    private static final String UPDATE = """
            UPDATE alert_rule SET name = :name, scope = CAST(:scope AS jsonb), spec = CAST(:spec AS jsonb), enabled = :enabled,
                updated_at = :at
            WHERE id = :id AND tenant = :tenant AND kind = :kind""";
    private static final String CHANNELS = "SELECT id, rule_id, url, format, secret FROM alert_rule_channel WHERE rule_id = ANY(:rules) ORDER BY position";
    private static final String INSERT_CHANNEL = """
            INSERT INTO alert_rule_channel (id, rule_id, position, url, format, secret) VALUES (:id, :rule, :position, :url, :format, :secret)""";

    Mono<Rule> create(Rule rule) {
        return write(INSERT, rule, rule.createdAt())
                .fetch().rowsUpdated()
                .then(insertChannels(rule))
                .thenReturn(rule)
                .as(transaction::transactional);
    }

    /** Replaces the rule's settings and channels; empty when the tenant has no such rule of the kind. */
    Mono<Rule> replace(Rule rule) {
        return write(UPDATE, rule, rule.updatedAt())
                .fetch().rowsUpdated()
                .filter(n -> n > 0)
                .flatMap(n -> db.sql("DELETE FROM alert_rule_channel WHERE rule_id = :rule").bind("rule", rule.id()).fetch().rowsUpdated())
                .flatMap(n -> insertChannels(rule).thenReturn(rule))
                .as(transaction::transactional);
    }

    /** {@link #INSERT} or {@link #UPDATE} with the rule's columns bound; {@code at} is its creation or update time. */
    private DatabaseClient.GenericExecuteSpec write(String sql, Rule rule, Instant at) {
        return db.sql(sql)
                .bind("id", rule.id()).bind("tenant", rule.tenant()).bind("kind", rule.kind().code()).bind("name", rule.name())
                .bind("scope", JSON.writeValueAsString(rule.scope())).bind("spec", JSON.writeValueAsString(rule.spec().view()))
                .bind("enabled", rule.enabled()).bind("at", at);
    }

    /**
     * A changed spec starts the rule's hysteresis afresh: quiet, no clear streak, no last value. The incident count goes on, so
     * the next fire is a new occurrence ({@code fire:<n+1>}) and not one raised before, which would be dropped as a repeat.
     */
    Mono<Void> resetState(String ruleId) {
        return db.sql("UPDATE alert_rule_state SET firing = false, clear_streak = 0, last_value = NULL WHERE rule_id = :rule")
                .bind("rule", ruleId).fetch().rowsUpdated().then();
    }

    Mono<Boolean> delete(String tenant, Rule.Kind kind, String id) {
        return db.sql("DELETE FROM alert_rule WHERE id = :id AND tenant = :tenant AND kind = :kind")
                .bind("id", id).bind("tenant", tenant).bind("kind", kind.code())
                .fetch().rowsUpdated()
                .map(n -> n > 0);
    }

    Mono<Rule> find(String tenant, Rule.Kind kind, String id) {
        return withChannels(db.sql(COLUMNS + " WHERE id = :id AND tenant = :tenant AND kind = :kind")
                .bind("id", id).bind("tenant", tenant).bind("kind", kind.code())
                .map(Rules::rule).all())
                .next();
    }

    Flux<Rule> list(String tenant, Rule.Kind kind) {
        return withChannels(db.sql(COLUMNS + " WHERE tenant = :tenant AND kind = :kind" + ORDER)
                .bind("tenant", tenant).bind("kind", kind.code())
                .map(Rules::rule).all());
    }

    Mono<Long> count(String tenant) {
        return db.sql("SELECT count(*) AS n FROM alert_rule WHERE tenant = :tenant").bind("tenant", tenant)
                .map(row -> Objects.requireNonNull(row.get("n", Long.class))).one();
    }

    /** Every enabled rule of every tenant, for the schedule. */
    Flux<Rule> enabled() {
        return withChannels(db.sql(COLUMNS + " WHERE enabled" + ORDER).map(Rules::rule).all());
    }

    private Mono<Void> insertChannels(Rule rule) {
        List<RuleChannel> channels = rule.channels();
        return Flux.range(0, channels.size())
                .concatMap(i -> {
                    RuleChannel c = channels.get(i);
                    DatabaseClient.GenericExecuteSpec insert = db.sql(INSERT_CHANNEL).bind("id", c.id()).bind("rule", rule.id())
                            .bind("position", i).bind("url", c.url().toString()).bind("format", c.format());
                    insert = c.secret() == null ? insert.bindNull("secret", String.class) : insert.bind("secret", c.secret());
                    return insert.fetch().rowsUpdated();
                })
                .then();
    }

    private Flux<Rule> withChannels(Flux<Rule> rules) {
        return rules.collectList()
                .flatMapMany(list -> list.isEmpty()
                        ? Flux.empty()
                        : db.sql(CHANNELS)
                                .bind("rules", list.stream().map(Rule::id).toArray(String[]::new))
                                .map(row -> Map.entry(text(row, "rule_id"), new RuleChannel(text(row, "id"), URI.create(text(row, "url")),
                                        text(row, "format"), row.get("secret", String.class))))
                                .all()
                                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
                                .flatMapIterable(byRule -> list.stream().map(r -> withChannels(r, byRule.get(r.id()))).toList()));
    }

    private static Rule withChannels(Rule rule, java.util.@Nullable Collection<RuleChannel> channels) {
        return new Rule(rule.id(), rule.tenant(), rule.kind(), rule.name(), rule.scope(), rule.spec(),
                channels == null ? List.of() : List.copyOf(channels), rule.enabled(), rule.createdAt(), rule.updatedAt());
    }

    private static Rule rule(Readable row) {
        Rule.Kind kind = Rule.Kind.fromCode(text(row, "kind"));
        return new Rule(text(row, "id"), text(row, "tenant"), kind, text(row, "name"), scope(text(row, "scope")),
                RuleBodies.stored(kind, text(row, "spec")), List.of(), Boolean.TRUE.equals(row.get("enabled", Boolean.class)),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static Map<String, List<String>> scope(String json) {
        Map<String, List<String>> scope = new TreeMap<>();
        JsonNode node = JSON.readTree(json);
        for (Map.Entry<String, JsonNode> filter : node.properties()) {
            List<String> values = new ArrayList<>();
            filter.getValue().forEach(v -> values.add(v.stringValue()));
            scope.put(filter.getKey(), List.copyOf(values));
        }
        return scope;
    }

    static String text(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class), column);
    }

    static Instant instant(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, Instant.class), column);
    }

}
