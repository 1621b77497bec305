package dev.tokenmeter.query.log;

import dev.tokenmeter.query.web.BadParameter;
import org.jspecify.annotations.Nullable;

/** The direction of the event log: newest / largest first by default. */
enum SortOrder {
    DESC("desc", "DESC", "<"), ASC("asc", "ASC", ">");

    private final String param;
    private final String keyword;
    private final String after;

    SortOrder(String param, String keyword, String after) {
        this.param = param;
        this.keyword = keyword;
        this.after = after;
    }

    String param() {
        return param;
    }

    /** {@code ASC} or {@code DESC}. */
    String keyword() {
        return keyword;
    }

    /** The row comparison that selects what comes after a position in this order. */
    String after() {
        return after;
    }

    static SortOrder parse(@Nullable String value) {
        return value == null ? DESC : BadParameter.oneOf("order", values(), SortOrder::param, value);
    }
}
