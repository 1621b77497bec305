package dev.tokenmeter.query.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.range.TimeRange;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

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
}
