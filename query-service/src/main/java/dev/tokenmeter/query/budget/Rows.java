package dev.tokenmeter.query.budget;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Objects;

/** Columns of the budget tables that are never null, read from a row (a null is a broken row: it names the column). */
final class Rows {

    private Rows() {
    }

    static String text(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, String.class), column);
    }

    static int number(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, Integer.class), column);
    }

    static Instant instant(Readable row, String column) {
        return Objects.requireNonNull(row.get(column, Instant.class), column);
    }
}
