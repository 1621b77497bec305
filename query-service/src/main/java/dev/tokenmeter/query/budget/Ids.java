package dev.tokenmeter.query.budget;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers of budgets ({@code bud_}), channels ({@code ch_}) and alerts ({@code alr_}) and deliveries ({@code dlv_}): a prefix and 64 random bits. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String budget() {
        return next("bud_");
    }

    /** Whether the id is a budget's (an alert source may also be a rule, {@code rul_...}). */
    static boolean isBudget(String id) {
        return id.startsWith("bud_");
    }

    static String channel() {
        return next("ch_");
    }

    static String alert() {
        return next("alr_");
    }

    /** A delivery of an alert to a channel: {@code X-Tokenmeter-Delivery}, the same on every retry. */
    static String delivery() {
        return next("dlv_");
    }

    private static String next(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
