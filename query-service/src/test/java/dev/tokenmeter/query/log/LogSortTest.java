package dev.tokenmeter.query.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogSortTest {

    @Test
    void everySortHasItsContractNameAndTimeIsTheDefault() {
        assertThat(Arrays.stream(LogSort.values()).map(LogSort::param)).containsExactly("time", "cost", "totalTokens",
                "inputTokens", "outputTokens", "latency", "project", "model");
        assertThat(LogSort.parse("outputTokens")).isEqualTo(LogSort.OUTPUT_TOKENS);
        assertThat(LogSort.parse(null)).isEqualTo(LogSort.TIME);
        assertThatThrownBy(() -> LogSort.parse("tokens")).isInstanceOf(BadParameter.class)
                .hasMessage("'tokens' is not one of time, cost, totalTokens, inputTokens, outputTokens, latency, project, model");
    }
}
