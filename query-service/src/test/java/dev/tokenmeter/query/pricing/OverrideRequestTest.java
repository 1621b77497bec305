package dev.tokenmeter.query.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.query.web.BadParameter;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OverrideRequestTest {

    @Test
    void aValidBodyBecomesALowerCasedPriceWithExactDecimals() {
        Price price = OverrideRequest.parse("""
                {"provider":" OpenAI ","model":"GPT-4o","effectiveFrom":"2026-01-01","input":0.1,"output":1.000000,
                 "cachedInput":0.000001,"cacheWrite":null}""");

        assertThat(price.provider()).isEqualTo("openai");
        assertThat(price.model()).isEqualTo("gpt-4o");
        assertThat(price.effectiveFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(price.input()).isEqualTo(new java.math.BigDecimal("0.1"));
        assertThat(price.output()).isEqualByComparingTo("1");
        assertThat(price.cachedInput()).isEqualTo(new java.math.BigDecimal("0.000001"));
        assertThat(price.cacheWrite()).isNull();
        assertThat(price.reasoning()).isNull();
    }

    @Test
    void everyBadFieldIsNamed() {
        assertParameter("{\"model\":\"m\",\"effectiveFrom\":\"2026-01-01\",\"input\":1,\"output\":1}", "provider");
        assertParameter("{\"provider\":\"p\",\"model\":\"\",\"effectiveFrom\":\"2026-01-01\",\"input\":1,\"output\":1}", "model");
        assertParameter("{\"provider\":\"p\",\"model\":\"m\",\"effectiveFrom\":\"yesterday\",\"input\":1,\"output\":1}", "effectiveFrom");
        assertParameter("{\"provider\":\"p\",\"model\":\"m\",\"effectiveFrom\":\"2026-01-01\",\"input\":-1,\"output\":1}", "input");
        assertParameter("{\"provider\":\"p\",\"model\":\"m\",\"effectiveFrom\":\"2026-01-01\",\"input\":1}", "output");
        assertParameter("{\"provider\":\"p\",\"model\":\"m\",\"effectiveFrom\":\"2026-01-01\",\"input\":1,\"output\":1,"
                + "\"reasoning\":0.0000001}", "reasoning");
        assertParameter("{\"provider\":\"p\",\"model\":\"m\",\"effectiveFrom\":\"2026-01-01\",\"input\":1,\"output\":\"2\"}", "output");
        assertParameter("{\"provider\":\"p\",\"model\":\"m\",\"effectiveFrom\":\"2026-01-01\",\"input\":1,\"output\":1,\"tier\":1}", "tier");
        assertParameter("[1]", "body");
        assertParameter("{oops", "body");
        assertParameter(null, "body");
    }

    @Test
    void repriceRangesAreCutAtUtcMidnights() {
        var days = RepricingJobs.days(Instant.parse("2026-10-05T12:00:00Z"), Instant.parse("2026-10-07T06:00:00Z"));

        assertThat(days).hasSize(3);
        assertThat(days.get(0)).containsExactly(Instant.parse("2026-10-05T12:00:00Z"), Instant.parse("2026-10-06T00:00:00Z"));
        assertThat(days.get(1)).containsExactly(Instant.parse("2026-10-06T00:00:00Z"), Instant.parse("2026-10-07T00:00:00Z"));
        assertThat(days.get(2)).containsExactly(Instant.parse("2026-10-07T00:00:00Z"), Instant.parse("2026-10-07T06:00:00Z"));
    }

    private static void assertParameter(String body, String parameter) {
        assertThatThrownBy(() -> OverrideRequest.parse(body))
                .as(body)
                .isInstanceOfSatisfying(BadParameter.class, e -> assertThat(e.parameter()).isEqualTo(parameter));
    }
}
