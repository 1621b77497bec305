package dev.tokenmeter.query.rules;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Identifiers of rules ({@code rul_}), their channels ({@code ch_}, shared with budgets') and notices ({@code alr_}, as alerts). */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String rule() {
        return next("rul_");
    }

    static String channel() {
        return next("ch_");
    }

    static String notice() {
        return next("alr_");
    }

    private static String next(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
