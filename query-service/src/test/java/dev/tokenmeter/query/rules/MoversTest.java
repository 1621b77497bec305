package dev.tokenmeter.query.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MoversTest {

    @Test
    void moversAreTheBiggestAbsoluteChangesUpOrDownNewAndGoneKeysIncluded() {
        Map<String, BigDecimal> now = Map.of("a", new BigDecimal("10"), "b", new BigDecimal("3"), "c", new BigDecimal("7"));
        Map<String, BigDecimal> before = Map.of("a", new BigDecimal("12"), "b", new BigDecimal("3"), "d", new BigDecimal("9"));
        List<Bodies.Mover> movers = Movers.of("project", now, before, 2);
        assertThat(movers).extracting(Bodies.Mover::key).containsExactly("d", "c");
        assertThat(movers.get(0).changeUsd()).isEqualByComparingTo("-9");
        assertThat(movers.get(0).changePercent()).isEqualByComparingTo("-100");
        assertThat(movers.get(1).changePercent()).isNull();
        assertThat(Movers.of("project", now, before, 5)).extracting(Bodies.Mover::key).containsExactly("d", "c", "a");
    }
}
