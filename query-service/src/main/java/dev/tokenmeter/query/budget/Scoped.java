package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.usage.Dimension;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.CrossFieldRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A body with a {@code scope}: each filter of the contract with its values; null or {} is the whole tenant. The scope
 * is checked as the usage endpoints check their filters, a mistake naming {@code scope.<filter>}: a rule of the body's
 * {@link CrossFieldRules} constraint, since the field it names is a key of the map. A body with rules of its own
 * checks its scope first ({@link #scopeMistake()}).
 */
public interface Scoped extends CrossFieldRules.Checked {

    @Nullable
    Map<String, List<String>> scope();

    /** The scope as stored: values in their order without repeats, filters sorted; {} for the whole tenant. */
    default Map<String, List<String>> filters() {
        Map<String, List<String>> filters = new TreeMap<>();
        Map<String, List<String>> scope = scope();
        if (scope != null) {
            scope.forEach((key, values) -> filters.put(key, values == null
                    ? List.of()
                    : values.stream().map(String::valueOf).distinct().toList()));
        }
        return filters;
    }

    @Override
    default CrossFieldRules.@Nullable Mistake firstMistake() {
        return scopeMistake();
    }

    /** The first filter that is not one, has no value, or has a value the usage endpoints would refuse; null if none. */
    default CrossFieldRules.@Nullable Mistake scopeMistake() {
        Map<String, List<String>> scope = scope();
        if (scope == null) {
            return null;
        }
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        for (Map.Entry<String, List<String>> filter : scope.entrySet()) {
            String key = filter.getKey();
            if (!key.startsWith("tag.") && !isDimension(key)) {
                return CrossFieldRules.Mistake.in("scope", key,
                        "is not a filter: use provider, model, project, apiKey, endpoint, status, user, serviceTier or tag.<key>");
            }
            List<String> values = filter.getValue();
            if (values == null || values.isEmpty() || values.stream().anyMatch(Objects::isNull)) {
                return CrossFieldRules.Mistake.in("scope", key,
                        "needs at least one value, each a string; leave the filter out to not filter");
            }
            params.addAll(key, new ArrayList<>(values));
        }
        try {
            Filters.from(params);
        } catch (BadParameter e) {
            return CrossFieldRules.Mistake.in("scope", e.parameter(), String.valueOf(e.getMessage()));
        }
        return null;
    }

    private static boolean isDimension(String key) {
        for (Dimension dimension : Dimension.values()) {
            if (dimension.param().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
