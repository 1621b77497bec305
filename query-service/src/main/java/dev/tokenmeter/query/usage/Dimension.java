package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;

/**
 * The dimensions a request may filter, group or break down by: the allow-list that maps API
 * names to columns. Only these column names ever reach SQL.
 */
public enum Dimension {
    PROVIDER("provider", "provider"), MODEL("model", "model"), PROJECT("project", "project"), API_KEY("apiKey",
            "api_key"), ENDPOINT("endpoint", "endpoint"), STATUS("status", "status"),
    /** The billing tier: standard, batch, flex, priority (API.md §4). */
    SERVICE_TIER("serviceTier", "service_tier"),
    /**
     * Only in the daily rollup (V25): a question about users alone reads whole UTC days from it and the rest
     * from raw events ({@link UsageSource#byUser}); combined with another dimension it reads raw events.
     */
    USER("user", "user_id");

    private final String param;
    private final String column;

    Dimension(String param, String column) {
        this.param = param;
        this.column = column;
    }

    public String param() {
        return param;
    }

    /** The column in raw events and (except {@link #USER}) in the rollups. */
    public String column() {
        return column;
    }

    public boolean inRollups() {
        return this != USER;
    }

    public static Dimension parse(String parameter, String value) {
        return BadParameter.oneOf(parameter, values(), Dimension::param, value);
    }
}
