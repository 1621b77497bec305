package dev.tokenmeter.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CamelCaseParamTest {

    private enum Spelled implements CamelCaseParam {
        COST, ERROR_RATE, TOTAL_TOKENS, A_B_C
    }

    @Test
    void aConstantIsSpelledInLowerCaseWithEveryWordAfterTheFirstCapitalised() {
        assertThat(Arrays.stream(Spelled.values()).map(CamelCaseParam::param)).containsExactly("cost", "errorRate",
                "totalTokens", "aBC");
    }

    @Test
    void aValueIsLookedUpByItsCamelCaseSpelling() {
        assertThat(BadParameter.oneOf("sort", Spelled.values(), Spelled::param, "errorRate")).isEqualTo(Spelled.ERROR_RATE);
    }
}
