package dev.tokenmeter.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CharClassTest {

    @Test
    void matchesExactlyWhatItsRegularExpressionMatches() {
        for (CharClass chars : List.of(EventValidator.ID, EventValidator.TENANT, EventValidator.TAG_KEY)) {
            Pattern regex = Pattern.compile(chars.regex());
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                String one = String.valueOf(c);
                assertThat(chars.matches(one)).as("%s on U+%04X", chars.regex(), (int) c).isEqualTo(regex.matcher(one).matches());
            }
            for (String value : List.of("", "a", "a".repeat(64), "a".repeat(65), "a".repeat(128), "a".repeat(129), "a b", "a-b_c.d:e",
                    "ABC", "😀", "a\u0000")) {
                assertThat(chars.matches(value)).as("%s on %s", chars.regex(), value).isEqualTo(regex.matcher(value).matches());
            }
        }
    }

    @Test
    void spellsTheContractsRules() {
        assertThat(EventValidator.ID.regex()).isEqualTo("[A-Za-z0-9._:-]{1,128}");
        assertThat(EventValidator.TENANT.regex()).isEqualTo("[a-z0-9_-]{1,64}");
        assertThat(EventValidator.TAG_KEY.regex()).isEqualTo("[A-Za-z0-9_.-]{1,64}");
    }
}
