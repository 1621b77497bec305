package dev.tokenmeter.query.ids;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Identifiers of the query service's rows: a prefix naming the type and 64 random bits in hex. Budgets
 * ({@code bud_}), rules ({@code rul_}), their channels ({@code ch_}), alerts and rule notices ({@code alr_}),
 * deliveries ({@code dlv_}) and re-pricing jobs ({@code job_}).
 */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String budget() {
        return next("bud_");
    }

    /** Whether the id is a budget's (an alert source may also be a rule, {@code rul_...}). */
    public static boolean isBudget(String id) {
        return id.startsWith("bud_");
    }

    public static String rule() {
        return next("rul_");
    }

    /** A channel of a budget or a rule. */
    public static String channel() {
        return next("ch_");
    }

    /** An alert of a budget or a notice of a rule. */
    public static String alert() {
        return next("alr_");
    }

    /** A delivery of an alert to a channel: {@code X-Tokenmeter-Delivery}, the same on every retry. */
    public static String delivery() {
        return next("dlv_");
    }

    public static String job() {
        return next("job_");
    }

    private static String next(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
