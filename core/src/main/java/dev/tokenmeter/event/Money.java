package dev.tokenmeter.event;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the store can hold of an amount: USD to 12 decimals ({@code numeric(24, 12)}), at most
 * {@link #MAX_EVENT_COST} per event, which keeps a rollup row ({@code numeric(30, 12)}) a million
 * maximal events away from overflow.
 */
public final class Money {

    /** Decimals stored. */
    public static final int SCALE = 12;
    /** The largest cost one event may carry, reported or computed. */
    public static final BigDecimal MAX_EVENT_COST = new BigDecimal("1000000");

    private Money() {
    }

    /**
     * The amount as PostgreSQL stores it: rounded half away from zero to {@value #SCALE} decimals,
     * the rounding of a {@code numeric} column, done here so the raw row and the rollups agree.
     */
    public static BigDecimal storable(BigDecimal usd) {
        return usd.scale() > SCALE ? usd.setScale(SCALE, RoundingMode.HALF_UP) : usd;
    }

    /** Whether one event may carry this cost. */
    public static boolean withinEventLimit(BigDecimal usd) {
        return usd.signum() >= 0 && usd.compareTo(MAX_EVENT_COST) <= 0;
    }
}
