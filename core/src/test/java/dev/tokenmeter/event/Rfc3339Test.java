package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    @Test
    void readsEveryTextAsTheIsoFormatterDoes() {
        int accepted = 0;
        for (String text : RfcTimes.shapes()) {
            String expected = outcome(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            assertThat(outcome(() -> Rfc3339.parse(text))).as(text).isEqualTo(expected);
            accepted += expected.startsWith("instant") ? 1 : 0;
        }
        assertThat(accepted).as("well-formed times among the shapes").isGreaterThan(100);
    }

    @Test
    void readsFractionsAndOffsetsToTheNanosecond() {
        assertThat(Rfc3339.parse("2026-11-23T11:00:00.000000001+05:30")).isEqualTo(Instant.parse("2026-11-23T05:30:00.000000001Z"));
        assertThat(Rfc3339.parse("2026-11-23T10:15:30.5-00:30")).isEqualTo(Instant.parse("2026-11-23T10:45:30.5Z"));
    }

    private interface Parse {
        Instant run();
    }

    /** "instant ..." or the exception's type: the formatter's exception is what the validator catches. */
    private static String outcome(Parse parse) {
        try {
            return "instant " + parse.run();
        } catch (DateTimeException e) {
            return "rejected " + e.getClass().getSimpleName();
        }
    }
}
