package dev.tokenmeter.query.log;

import org.jspecify.annotations.Nullable;

/** RFC 4180 fields: quoted only when they hold a comma, a quote, CR or LF; quotes doubled; null is empty. */
final class Csv {

    static final String LINE_END = "\r\n";

    private Csv() {
    }

    static StringBuilder field(StringBuilder line, @Nullable Object value) {
        if (value == null) {
            return line;
        }
        String text = value.toString();
        if (!needsQuotes(text)) {
            return line.append(text);
        }
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        return line.append('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
