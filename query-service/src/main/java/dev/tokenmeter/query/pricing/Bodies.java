package dev.tokenmeter.query.pricing;

import dev.tokenmeter.query.web.BadParameter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The instants request bodies of this package accept, read as the usage endpoints read from/to. */
final class Bodies {

    /** Earliest and latest accepted instants, as for the usage endpoints' from/to. */
    static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private Bodies() {
    }

    /** An RFC 3339 instant, or a date {@code YYYY-MM-DD} taken as midnight UTC; a 400 naming {@code field} otherwise. */
    static Instant instant(String field, String text) {
        String trimmed = text.trim();
        Instant instant;
        try {
            instant = trimmed.length() == 10
                    ? LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeException e) {
            throw new BadParameter(field, "must be an RFC 3339 instant such as 2026-01-01T00:00:00Z, or a date YYYY-MM-DD (UTC)");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw new BadParameter(field, "must lie in 1970-2199");
        }
        return instant;
    }
}
