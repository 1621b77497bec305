package dev.tokenmeter.query.budget;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook proves it comes from Tokenmeter. Every delivery carries
 * {@code X-Tokenmeter-Timestamp: <Unix seconds>} and
 * {@code X-Tokenmeter-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the channel's secret>},
 * both over the UTF-8 bytes. A receiver recomputes the HMAC over the raw body it received, compares
 * in constant time, and rejects timestamps too far from its clock (say 5 minutes) to stop replays.
 * Each attempt is signed afresh with its own timestamp.
 */
final class Signature {

    static final String SIGNATURE_HEADER = "X-Tokenmeter-Signature";
    static final String TIMESTAMP_HEADER = "X-Tokenmeter-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";

    private Signature() {
    }

    static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
