package dev.tokenmeter.query.log;

import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.wire.LowerCaseCode;
import org.jspecify.annotations.Nullable;

/** The direction of the event log: newest / largest first by default. */
enum SortOrder implements LowerCaseCode {
    DESC, ASC;

    /** The API's spelling: {@code desc} or {@code asc}. */
    String param() {
        return code();
    }

    /** {@code ASC} or {@code DESC}. */
    String keyword() {
        return name();
    }

    /** The row comparison that selects what comes after a position in this order. */
    String after() {
        return this == DESC ? "<" : ">";
    }

    static SortOrder parse(@Nullable String value) {
        return value == null ? DESC : BadParameter.oneOf("order", values(), SortOrder::param, value);
    }
}
