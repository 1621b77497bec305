package dev.tokenmeter.pricing;

import dev.tokenmeter.event.Usage;
import java.math.BigDecimal;

/**
 * The contract's cost formula, in exact decimal arithmetic:
 * <pre>
 * cost = in × input + cachedInputTokens × cachedInput + cacheWriteTokens × cacheWrite
 *      + (outputTokens − reasoningTokens) × output + reasoningTokens × reasoning
 * </pre>
 * with {@code in = inputTokens − cachedInputTokens − cacheWriteTokens} and prices per 1M tokens,
 * taken from the price's long-context tier when the request's {@code inputTokens} exceed one.
 */
public final class CostFormula {

    private CostFormula() {
    }

    public static BigDecimal cost(Usage usage, Price price) {
        return cost(usage, price.ratesFor(usage.inputTokens()));
    }

    public static BigDecimal cost(Usage usage, Price.Rates rates) {
        BigDecimal perMillion = rates.input().multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
                .add(rates.cachedInput().multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(rates.cacheWrite().multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(rates.output().multiply(BigDecimal.valueOf(usage.visibleOutputTokens())))
                .add(rates.reasoning().multiply(BigDecimal.valueOf(usage.reasoningTokens())));
        return perMillion.movePointLeft(6);
    }
}
