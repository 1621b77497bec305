package dev.tokenmeter.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator key reads every tenant: a short one stops the service from starting. */
class QuerySettingsTest {

    @Test
    void anOperatorKeyShorterThan32CharactersIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> settings("op-secret"))
                .withMessageContaining("at least 32 characters")
                .withMessageNotContaining("op-secret");
        assertThatIllegalArgumentException().isThrownBy(() -> settings("  " + "k".repeat(31) + "  "));
    }

    @Test
    void anEmptyOperatorKeyDisablesItAndA32CharacterOneIsAccepted() {
        assertThat(settings("").operatorKey()).isEmpty();
        assertThat(settings("   ").operatorKey()).isBlank();
        assertThat(settings("k".repeat(32)).operatorKey()).hasSize(32);
    }

    private static QuerySettings settings(String operatorKey) {
        return new QuerySettings(operatorKey, List.of(), 10_000, Duration.ofSeconds(30));
    }
}
