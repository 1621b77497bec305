package dev.tokenmeter.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyTextTest {

    @Test
    void escapesBackslashTabNewlineAndCarriageReturnAndNothingElse() {
        assertThat(CopyText.append(new StringBuilder("x|"), "a\\b\tc\nd\re \"é\" ☃").toString())
                .isEqualTo("x|a\\\\b\\tc\\nd\\re \"é\" ☃");
    }

    @Test
    void writesAValueWithNothingToEscapeAsItIsAndNullAsBackslashN() {
        assertThat(CopyText.append(new StringBuilder(), "gpt-4o").toString()).isEqualTo("gpt-4o");
        assertThat(CopyText.append(new StringBuilder(), null).toString()).isEqualTo("\\N");
        assertThat(CopyText.append(new StringBuilder(), "").toString()).isEmpty();
    }
}
