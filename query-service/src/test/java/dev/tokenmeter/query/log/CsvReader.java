package dev.tokenmeter.query.log;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for checking exports: CRLF line ends, quoted fields with doubled quotes. */
final class CsvReader {

    private CsvReader() {
    }

    static List<List<String>> parse(String text) {
        List<List<String>> lines = new ArrayList<>();
        List<String> line = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int end = i + 1;
                while (true) {
                    int quote = text.indexOf('"', end);
                    if (quote < 0) {
                        throw new IllegalArgumentException("unterminated quoted field at " + i);
                    }
                    field.append(text, end, quote);
                    if (quote + 1 < text.length() && text.charAt(quote + 1) == '"') {
                        field.append('"');
                        end = quote + 2;
                    } else {
                        i = quote + 1;
                        break;
                    }
                }
                continue;
            }
            if (c == ',') {
                line.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                line.add(field.toString());
                field.setLength(0);
                lines.add(line);
                line = new ArrayList<>();
                i += 2;
            } else if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!line.isEmpty() || !field.isEmpty()) {
            throw new IllegalArgumentException("the last line does not end with CRLF");
        }
        return lines;
    }
}
