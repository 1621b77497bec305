package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.query.web.BadParameter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The API names and columns of the usage allow-lists, derived from their constants' names, are the contract's. */
class SpellingsTest {

    @Test
    void everyDimensionHasItsContractNameAndItsColumn() {
        assertThat(Arrays.stream(Dimension.values()).map(Dimension::param)).containsExactly("provider", "model", "project",
                "apiKey", "endpoint", "status", "serviceTier", "user");
        assertThat(Arrays.stream(Dimension.values()).map(Dimension::column)).containsExactly("provider", "model", "project",
                "api_key", "endpoint", "status", "service_tier", "user_id");
        assertThat(Dimension.parse("by", "serviceTier")).isEqualTo(Dimension.SERVICE_TIER);
    }

    @Test
    void everyBreakdownSortHasItsContractName() {
        assertThat(Arrays.stream(BreakdownSort.values()).map(BreakdownSort::param)).containsExactly("cost", "requests", "tokens",
                "errorRate", "latency", "lastSeen");
        assertThat(BreakdownSort.parse("lastSeen")).isEqualTo(BreakdownSort.LAST_SEEN);
        assertThatThrownBy(() -> BreakdownSort.parse("error_rate")).isInstanceOf(BadParameter.class)
                .hasMessage("'error_rate' is not one of cost, requests, tokens, errorRate, latency, lastSeen");
    }
}
