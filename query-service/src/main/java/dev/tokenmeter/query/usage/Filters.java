package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.util.MultiValueMap;

/**
 * The contract's filters: each repeatable, values OR-ed, filters AND-ed. {@code provider},
 * {@code model}, {@code project}, {@code apiKey}, {@code endpoint}, {@code status},
 * {@code serviceTier}, {@code user} and {@code tag.<key>}. An empty value ({@code model=}) selects
 * the rows without that dimension (a call without a model, an event without a project): what
 * breakdowns answer as {@code key: null}.
 */
public record Filters(Map<Dimension, List<String>> dimensions, Map<String, List<String>> tags) {

    public static final Filters NONE = new Filters(Map.of(), Map.of());
    private static final Set<String> STATUSES = Set.of("success", "error", "timeout");
    private static final Set<String> SERVICE_TIERS = Set.of("standard", "batch", "flex", "priority");

    public static Filters from(MultiValueMap<String, String> params) {
        Map<Dimension, List<String>> dimensions = new EnumMap<>(Dimension.class);
        Map<String, List<String>> tags = new TreeMap<>();
        for (Dimension dimension : Dimension.values()) {
            List<String> values = params.get(dimension.param());
            if (values != null && !values.isEmpty()) {
                dimensions.put(dimension, checked(dimension, values));
            }
        }
        for (String tier : dimensions.getOrDefault(Dimension.SERVICE_TIER, List.of())) {
            if (!SERVICE_TIERS.contains(tier)) {
                throw new BadParameter("serviceTier", "'" + tier + "' is not one of standard, batch, flex, priority");
            }
        }
        if (dimensions.containsKey(Dimension.STATUS)) {
            for (String status : dimensions.get(Dimension.STATUS)) {
                if (!STATUSES.contains(status)) {
                    throw new BadParameter("status", "'" + status + "' is not one of success, error, timeout");
                }
            }
        }
        params.forEach((name, values) -> {
            if (name.startsWith("tag.")) {
                String key = name.substring(4);
                if (!Grouping.TAG_KEY.matcher(key).matches()) {
                    throw new BadParameter(name, "tag keys are 1-64 characters of [A-Za-z0-9_.-]");
                }
                tags.put(key, checked(name, values, false));
            }
        });
        return new Filters(dimensions, tags);
    }

    /** Whether the rollups can answer under these filters (user and tags live in raw events only). */
    public boolean inRollups() {
        return tags.isEmpty() && !dimensions.containsKey(Dimension.USER);
    }

    /** Appends {@code AND ...} conditions for every filter. */
    public void appendTo(Sql sql) {
        dimensions.forEach((dimension, values) -> {
            String[] present = values.stream().filter(value -> !value.isEmpty()).toArray(String[]::new);
            String none = values.contains("") ? dimension.column() + " IS NULL" : null;
            String some = present.length > 0 ? dimension.column() + " = ANY(" + sql.bind(present) + ")" : null;
            sql.append(" AND " + (none == null ? some : some == null ? none : "(" + some + " OR " + none + ")"));
        });
        tags.forEach((key, values) -> sql
                .append(" AND (tags ->> " + sql.bind(key) + ") = ANY(" + sql.bind(values.toArray(String[]::new)) + ")"));
    }

    /** The optional dimensions, which an event may lack: an empty filter value selects those without one. */
    private static final Set<Dimension> OPTIONAL = Set.of(Dimension.MODEL, Dimension.PROJECT, Dimension.API_KEY, Dimension.USER);

    private static List<String> checked(Dimension dimension, List<String> values) {
        return checked(dimension.param(), values, OPTIONAL.contains(dimension));
    }

    private static List<String> checked(String name, List<String> values, boolean mayBeNone) {
        for (String value : values) {
            if (value.isEmpty() && !mayBeNone || value.length() > 256 || value.indexOf('\0') >= 0) {
                throw new BadParameter(name, "values must be 1-256 characters");
            }
        }
        return List.copyOf(values);
    }
}
