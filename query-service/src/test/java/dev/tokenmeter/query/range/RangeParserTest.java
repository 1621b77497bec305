package dev.tokenmeter.query.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class RangeParserTest {

    final RangeParser parser = new RangeParser(Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC));

    static MultiValueMap<String, String> params(String... pairs) {
        MultiValueMap<String, String> map = new LinkedMultiValueMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void sevenDaysEndAtTheNextLocalMidnight() {
        // 03:00 UTC is still 22:00 on the 22nd in New York.
        TimeRange range = parser.parse(params("range", "7d", "tz", "America/New_York"));

        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-23T05:00:00Z"));
        assertThat(range.from()).isEqualTo(Instant.parse("2026-11-16T05:00:00Z"));
    }

    @Test
    void datesAreLocalMidnightsAndInstantsAreExact() {
        TimeRange range = parser.parse(params("from", "2026-11-01", "to", "2026-11-02T00:30:00+05:45", "tz", "Asia/Kathmandu"));

        assertThat(range.from()).isEqualTo(Instant.parse("2026-10-31T18:15:00Z"));
        assertThat(range.to()).isEqualTo(Instant.parse("2026-11-01T18:45:00Z"));
    }

    @Test
    void presets() {
        assertThat(parser.parse(params("range", "today")).from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(parser.parse(params("range", "yesterday")).to()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(parser.parse(params("range", "mtd")).from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(parser.parse(params("range", "ytd")).from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(parser.parse(params()).from()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
    }

    @Test
    void badInputNamesTheParameter() {
        Map<String, MultiValueMap<String, String>> cases = Map.of(
                "tz", params("tz", "Mars/Olympus"),
                "range", params("range", "forever"),
                "from", params("from", "2026-11-05", "to", "2026-11-01"),
                "to", params("from", "2026-11-01", "to", "soon"));
        cases.forEach((parameter, input) -> assertThatThrownBy(() -> parser.parse(input))
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo(parameter)));
    }
}
