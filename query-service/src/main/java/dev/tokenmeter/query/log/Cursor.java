package dev.tokenmeter.query.log;

import dev.tokenmeter.query.web.BadParameter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A position in the event log: the last row's sort key, time and id, plus the sort and order it
 * was issued for, so that a cursor is never replayed against another order. Opaque to clients:
 * base64url of newline-separated fields (ids cannot contain a newline).
 *
 * @param value the sort key; null for {@link LogSort#TIME} and for an event without one (latency, project, model)
 */
record Cursor(LogSort sort, SortOrder order, @Nullable Object value, Instant time, String id) {

    private static final String VERSION = "v1";
    private static final int MAX_LENGTH = 1024;

    static Cursor after(LogSort sort, SortOrder order, LogEvent last, @Nullable Object value) {
        return new Cursor(sort, order, value, last.time(), last.id());
    }

    String encode() {
        String text = String.join("\n", VERSION, sort.param(), order.param(), valueText(), time.toString(), id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor issued for this sort and order; anything else is a 400 naming {@code cursor}. */
    static Cursor decode(String encoded, LogSort sort, SortOrder order) {
        String[] fields;
        try {
            if (encoded.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            fields = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split("\n", 6);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (fields.length != 6 || !fields[0].equals(VERSION)) {
            throw malformed();
        }
        if (!fields[1].equals(sort.param()) || !fields[2].equals(order.param())) {
            throw new BadParameter("cursor", "was issued for sort=" + fields[1] + "&order=" + fields[2]
                    + ", not sort=" + sort.param() + "&order=" + order.param() + "; start again without a cursor");
        }
        try {
            Object value = fields[3].isEmpty() ? null : sort.parseValue(fields[3]);
            if (value == null && sort.hasValue() && !sort.nullable()) {
                throw malformed();
            }
            String id = fields[5];
            if (id.isEmpty() || id.length() > 128) {
                throw malformed();
            }
            return new Cursor(sort, order, value, Instant.parse(fields[4]), id);
        } catch (RuntimeException e) {
            throw e instanceof BadParameter bad ? bad : malformed();
        }
    }

    private String valueText() {
        if (value == null) {
            return "";
        }
        return sort.format(value);
    }

    private static BadParameter malformed() {
        return new BadParameter("cursor", "is not a cursor this endpoint issued; pass nextCursor from the previous page unchanged");
    }
}
