package dev.tokenmeter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WireNamesTest {

    enum Sort implements LowerCaseCode {
        COST("cost"), TOTAL_TOKENS("totalTokens");

        private final String param;

        Sort(String param) {
            this.param = param;
        }

        String param() {
            return param;
        }
    }

    @Test
    void aConstantIsFoundByItsSpellingOnlyExactly() {
        assertThat(WireNames.find(Sort.values(), Sort::param, "totalTokens")).contains(Sort.TOTAL_TOKENS);
        assertThat(WireNames.find(Sort.values(), Sort::param, "TotalTokens")).isEmpty();
        assertThat(WireNames.find(Sort.values(), Sort::param, "TOTAL_TOKENS")).isEmpty();
        assertThat(WireNames.find(Sort.values(), Sort::param, null)).isEmpty();
    }

    @Test
    void theSpellingsAreListedInDeclarationOrder() {
        assertThat(WireNames.list(Sort.values(), Sort::param)).isEqualTo("cost, totalTokens");
    }

    @Test
    void aLowerCaseCodeIsTheNameInLowerCase() {
        assertThat(Sort.TOTAL_TOKENS.code()).isEqualTo("total_tokens");
        assertThat(WireNames.find(Sort.values(), Sort::code, "cost")).contains(Sort.COST);
    }
}
