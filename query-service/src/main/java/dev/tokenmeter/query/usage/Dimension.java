package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.CamelCaseParam;
import java.util.Locale;

/**
 * The dimensions a request may filter, group or break down by: the allow-list that maps API
 * names ({@link #param()}: {@code provider}, {@code apiKey}, {@code serviceTier}, ...) to columns. Only these column
 * names ever reach SQL.
 */
public enum Dimension implements CamelCaseParam {
    PROVIDER, MODEL, PROJECT, API_KEY, ENDPOINT, STATUS,
    /** The billing tier: standard, batch, flex, priority (API.md §4). */
    SERVICE_TIER,
    /**
     * Only in the daily rollup (V25): a question about users alone reads whole UTC days from it and the rest
     * from raw events ({@link UsageSource#byUser}); combined with another dimension it reads raw events.
     */
    USER;

    /**
     * The column in raw events and (except {@link #USER}) in the rollups: the name in lower case ({@code api_key}),
     * {@code user_id} for {@link #USER}.
     */
    public String column() {
        return this == USER ? "user_id" : name().toLowerCase(Locale.ROOT);
    }

    public boolean inRollups() {
        return this != USER;
    }

    public static Dimension parse(String parameter, String value) {
        return BadParameter.oneOf(parameter, values(), Dimension::param, value);
    }
}
