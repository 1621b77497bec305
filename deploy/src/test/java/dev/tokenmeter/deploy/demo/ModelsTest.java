package dev.tokenmeter.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ModelsTest {

    @Test
    void aModelIsReadFromTheTableWithItsKindSpeedsAndReportedPrice() {
        assertThat(Models.named("o3")).isEqualTo(new ModelProfile("openai", "o3", ModelProfile.Kind.REASONING, 900, 14, 900, null));
        assertThat(Models.named("text-embedding-3-small").reportedUsdPerMillion()).isEqualByComparingTo(new BigDecimal("0.02"));
        assertThat(Models.named("claude-haiku-4-5").provider()).isEqualTo(Models.ANTHROPIC);
    }

    @Test
    void anUnknownModelSaysWhereToAddIt() {
        assertThatThrownBy(() -> Models.named("gpt-9")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gpt-9").hasMessageContaining("models.csv");
    }
}
