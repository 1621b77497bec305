package dev.tokenmeter.query.usage;

import dev.tokenmeter.query.web.BadParameter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much one answer may hold ({@code tokenmeter.query.limits.*}), checked before any query runs:
 * a request over a limit is a 400 that says what to narrow.
 *
 * @param maxPoints        timeline points: buckets × series (the total line, plus each top key and
 *                         "other" with {@code groupBy})
 * @param maxBreakdownRows rows of one breakdown ({@code limit}); the rest is summed in "other"
 * @param maxValues        values of one picker list ({@code limit} of {@code /usage/values})
 */
@ConfigurationProperties("tokenmeter.query.limits")
public record ResponseLimits(
        @DefaultValue("20000") int maxPoints,
        @DefaultValue("1000") int maxBreakdownRows,
        @DefaultValue("10000") int maxValues) {

    /** Series of a timeline: the total line, and with {@code groupBy} up to {@code top} keys plus "other". */
    static int series(boolean grouped, int top) {
        return grouped ? top + 2 : 1;
    }

    void checkTimeline(int buckets, boolean grouped, int top) {
        checkTimeline(buckets, grouped, top, false);
    }

    /** With {@code compared}, the previous period's line counts as one more series. */
    void checkTimeline(int buckets, boolean grouped, int top, boolean compared) {
        int series = series(grouped, top) + (compared ? 1 : 0);
        long points = (long) buckets * series;
        if (points > maxPoints) {
            throw new BadParameter(grouped ? "top" : "bucket", "timeline would have " + buckets + " buckets × " + series
                    + " series = " + points + " points, over the limit of " + maxPoints + ": use a coarser bucket, a shorter range"
                    + (grouped ? " or a smaller top" : ""));
        }
    }

    void checkBreakdownRows(int limit) {
        if (limit > maxBreakdownRows) {
            throw new BadParameter("limit", limit + " breakdown rows are over the limit of " + maxBreakdownRows
                    + ": ask for fewer rows (the rest is summed in other) or filter the breakdown");
        }
    }

    void checkValues(int limit) {
        if (limit > maxValues) {
            throw new BadParameter("limit", limit + " values are over the limit of " + maxValues
                    + ": ask for fewer values or narrow the range or the filters");
        }
    }
}
