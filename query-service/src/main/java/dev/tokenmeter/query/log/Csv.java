package dev.tokenmeter.query.log;

import org.jspecify.annotations.Nullable;

/**
 * RFC 4180 fields: quoted only when they hold a comma, a quote, CR or LF; quotes doubled; null is empty.
 *
 * <p>Text cells (names, ids, error messages, tags: anything a publisher sent) that start with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a CR get a leading {@code '}, so a spreadsheet
 * shows them as text instead of running them as a formula (CSV injection). Numbers the service
 * formats itself (tokens, latency, cost, even a negative amount) are written as they are: they are
 * only digits, a sign and a point, and must stay numbers.
 */
final class Csv {

    static final String LINE_END = "\r\n";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** A text cell, neutralised when a spreadsheet would read it as a formula. */
    static StringBuilder text(StringBuilder line, @Nullable String value) {
        return field(line, value == null ? null : neutralised(value));
    }

    static String neutralised(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
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
