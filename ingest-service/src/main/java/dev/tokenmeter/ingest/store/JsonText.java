package dev.tokenmeter.ingest.store;

import java.util.Map;

/**
 * Small JSON objects (an event's tags, its units) written by hand for the raw table's {@code jsonb}
 * columns: a map serialized through Jackson's databind per event was a visible part of writing a
 * batch. Keys and string values are escaped as JSON requires; numbers are written as they are.
 */
final class JsonText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {
    }

    /** {@code map} as a JSON object, written into {@code scratch} (cleared first), which is returned. */
    static StringBuilder object(StringBuilder scratch, Map<String, ?> map) {
        scratch.setLength(0);
        scratch.append('{');
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            if (scratch.length() > 1) {
                scratch.append(',');
            }
            string(scratch, entry.getKey()).append(':');
            if (entry.getValue() instanceof Number number) {
                scratch.append(number);
            } else {
                string(scratch, String.valueOf(entry.getValue()));
            }
        }
        return scratch.append('}');
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static StringBuilder string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
