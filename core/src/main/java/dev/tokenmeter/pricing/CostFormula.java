package dev.tokenmeter.pricing;

import dev.tokenmeter.event.Usage;
import java.math.BigDecimal;

/**
 * The contract's cost formula, in exact decimal arithmetic:
 * <pre>
 * cost = in × input + cachedInputTokens × cachedInput + cacheWriteTokens × cacheWrite
 *      + (outputTokens − reasoningTokens) × output + reasoningTokens × reasoning
 * </pre>
 * with {@code in = inputTokens − cachedInputTokens − cacheWriteTokens} and prices per 1M tokens.
 */
public final class CostFormula {

    private CostFormula() {
    }

    public static BigDecimal cost(Usage usage, Price price) {
        BigDecimal perMillion = price.input().multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
                .add(price.cachedInputOrInput().multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(price.cacheWriteOrInput().multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(price.output().multiply(BigDecimal.valueOf(usage.visibleOutputTokens())))
                .add(price.reasoningOrOutput().multiply(BigDecimal.valueOf(usage.reasoningTokens())));
        return perMillion.movePointLeft(6);
    }
}
