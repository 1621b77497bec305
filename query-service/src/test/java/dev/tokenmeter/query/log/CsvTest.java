package dev.tokenmeter.query.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.range.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class CsvTest {

    @Test
    void plainFieldsAreWrittenAsTheyAre() {
        assertThat(field("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        assertThat(field(812)).isEqualTo("812");
        assertThat(field(null)).isEmpty();
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        assertThat(field("a,b")).isEqualTo("\"a,b\"");
        assertThat(field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(field("line\r\nbreak")).isEqualTo("\"line\r\nbreak\"");
        assertThat(field("{\"env\": \"prod\"}")).isEqualTo("\"{\"\"env\"\": \"\"prod\"\"}\"");
    }

    @Test
    void textCellsThatASpreadsheetWouldRunAsAFormulaGetALeadingQuote() {
        assertThat(text("=HYPERLINK(\"http://evil\",\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
        assertThat(text("+1+2")).isEqualTo("'+1+2");
        assertThat(text("-1+cmd|' /C calc'!A0")).isEqualTo("'-1+cmd|' /C calc'!A0");
        assertThat(text("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(text("\t=1")).isEqualTo("'\t=1");
        assertThat(text("\r=1")).isEqualTo("\"'\r=1\"");
    }

    @Test
    void harmlessTextAndNumbersAreNotNeutralised() {
        assertThat(text("gpt-4o-mini")).isEqualTo("gpt-4o-mini");
        assertThat(text("a=b")).isEqualTo("a=b");
        assertThat(text("")).isEmpty();
        assertThat(text(null)).isEmpty();
        assertThat(field(new java.math.BigDecimal("-0.25").toPlainString())).isEqualTo("-0.25");
        assertThat(field(-3)).isEqualTo("-3");
    }

    @Test
    void anExportPastItsDeadlineEndsWithATimeout() {
        StepVerifier.withVirtualTime(() -> CsvExport.withDeadline(Flux.interval(Duration.ofSeconds(1)), Duration.ofMillis(3500)))
                .thenAwait(Duration.ofSeconds(3))
                .expectNext(0L, 1L, 2L)
                .thenAwait(Duration.ofSeconds(1))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anExportWithinItsDeadlineCompletes() {
        StepVerifier.withVirtualTime(() -> CsvExport.withDeadline(Flux.interval(Duration.ofSeconds(1)).take(3), Duration.ofSeconds(10)))
                .thenAwait(Duration.ofSeconds(3))
                .expectNext(0L, 1L, 2L)
                .verifyComplete();
    }

    @Test
    void anExportOfWholeLocalDaysIsNamedByItsDates() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        TimeRange days = new TimeRange(Instant.parse("2026-10-31T18:30:00Z"), Instant.parse("2026-11-07T18:30:00Z"), kolkata);
        assertThat(CsvExport.fileName(days)).isEqualTo("usage-2026-11-01-2026-11-08.csv");
    }

    @Test
    void anExportOfAnyOtherRangeIsNamedByItsUtcTimes() {
        TimeRange hours = new TimeRange(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T12:30:15Z"), ZoneId.of("UTC"));
        assertThat(CsvExport.fileName(hours)).isEqualTo("usage-20261101T100000Z-20261101T123015Z.csv");
    }

    private static String field(Object value) {
        return Csv.field(new StringBuilder(), value).toString();
    }

    private static String text(String value) {
        return Csv.text(new StringBuilder(), value).toString();
    }
}
