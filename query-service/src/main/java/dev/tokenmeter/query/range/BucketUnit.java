package dev.tokenmeter.query.range;

import dev.tokenmeter.query.web.BadParameter;
import java.util.Locale;

/** Timeline bucket sizes. Hours and minutes follow local clock time; days, weeks (ISO, Monday) and months local midnights. */
public enum BucketUnit {
    MINUTE, HOUR, DAY, WEEK, MONTH;

    public static BucketUnit parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameter("bucket", "'" + value + "' is not one of minute, hour, day, week, month");
        }
    }
}
