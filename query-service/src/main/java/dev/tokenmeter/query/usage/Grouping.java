package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What rows are grouped by: a dimension, or a tag ({@code tag:<key>}, raw events only).
 * Renders its SQL expression only from the allow-listed dimension or a validated tag key.
 */
public record Grouping(@Nullable Dimension dimension, @Nullable String tagKey) {

    static final Pattern TAG_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public static Grouping parse(String parameter, String value) {
        if (value.startsWith("tag:")) {
            String key = value.substring(4);
            if (!TAG_KEY.matcher(key).matches()) {
                throw new BadParameter(parameter, "tag keys are 1-64 characters of [A-Za-z0-9_.-]");
            }
            return new Grouping(null, key);
        }
        return new Grouping(Dimension.parse(parameter, value), null);
    }

    public boolean inRollups() {
        return dimension != null && dimension.inRollups();
    }

    /** The SQL expression of the group key over the usage rows, binding a tag key as a parameter. */
    String expression(Sql sql) {
        if (dimension != null) {
            return dimension.column();
        }
        return "(tags ->> " + sql.bind(java.util.Objects.requireNonNull(tagKey, "a tag grouping has a key")) + ")";
    }
}
