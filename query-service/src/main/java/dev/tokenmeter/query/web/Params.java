package dev.tokenmeter.query.web;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/** Checks a request's query parameters against what its endpoint accepts; a typo is a 400, not silently ignored. */
public final class Params {

    /** Accepted by every usage endpoint: the time range, the filters and the operator's tenant. */
    public static final Set<String> COMMON = Set.of("range", "from", "to", "tz", "tenant",
            "provider", "model", "project", "apiKey", "endpoint", "status", "serviceTier", "user");

    private Params() {
    }

    public static MultiValueMap<String, String> check(MultiValueMap<String, String> params, Set<String> extra) {
        for (String name : params.keySet()) {
            if (!COMMON.contains(name) && !extra.contains(name) && !name.startsWith("tag.")) {
                throw new BadParameter(name, "is not a parameter of this endpoint");
            }
        }
        return params;
    }

    public static @Nullable String single(MultiValueMap<String, String> params, String name) {
        var values = params.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new BadParameter(name, "may be given only once");
        }
        String value = values.get(0).trim();
        return value.isEmpty() ? null : value;
    }

    /** The parameter's single value; a 400 saying it {@code is required: <what>} when it is absent. */
    public static String required(MultiValueMap<String, String> params, String name, String what) {
        String value = single(params, name);
        if (value == null) {
            throw new BadParameter(name, "is required: " + what);
        }
        return value;
    }

    /** {@code true} or {@code false}; the default when absent. */
    public static boolean bool(MultiValueMap<String, String> params, String name, boolean defaultValue) {
        String value = single(params, name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadParameter(name, "must be true or false");
        };
    }

    public static int integer(MultiValueMap<String, String> params, String name, int defaultValue, int min, int max) {
        String value = single(params, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameter(name, "must be an integer from " + min + " to " + max);
    }
}
