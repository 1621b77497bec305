package dev.tokenmeter.query.budget;

import dev.tokenmeter.wire.LowerCaseCode;
import java.math.BigDecimal;

/**
 * What a budget allows per period: an amount in USD, or a number of tokens (input plus output,
 * as {@code totalTokens} everywhere in the API).
 */
record Limit(Measure measure, BigDecimal amount) {

    /** What a budget counts. */
    enum Measure implements LowerCaseCode {
        USD, TOKENS
    }

    static Limit usd(BigDecimal amount) {
        return new Limit(Measure.USD, amount);
    }

    static Limit tokens(long amount) {
        return new Limit(Measure.TOKENS, BigDecimal.valueOf(amount));
    }

    /** Of the two figures of a period, the one this limit counts. */
    BigDecimal spentOf(BigDecimal spentUsd, long spentTokens) {
        return measure == Measure.USD ? spentUsd : BigDecimal.valueOf(spentTokens);
    }
}
