package dev.tokenmeter.query;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Query service settings ({@code tokenmeter.query.*}).
 *
 * @param operatorKey  the operator key, which manages every tenant's keys and reads any tenant
 *                     named with {@code tenant=}; empty disables it, else at least
 *                     {@value #MIN_OPERATOR_KEY_LENGTH} characters (the service refuses to start)
 * @param corsOrigins  origins allowed to call the API from a browser (the web UI's dev server)
 * @param maxBuckets   most timeline buckets one request may ask for
 * @param queryTimeout longest one query may run before the request fails with 503
 */
@ConfigurationProperties("tokenmeter.query")
public record QuerySettings(
        @DefaultValue("") String operatorKey,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue("10000") int maxBuckets,
        @DefaultValue("30s") Duration queryTimeout) {

    /** The shortest operator key accepted: it reads every tenant, so it must not be guessable. */
    public static final int MIN_OPERATOR_KEY_LENGTH = 32;

    public QuerySettings {
        String trimmed = operatorKey.trim();
        if (!trimmed.isEmpty() && trimmed.length() < MIN_OPERATOR_KEY_LENGTH) {
            throw new IllegalArgumentException("tokenmeter.query.operator-key (TOKENMETER_OPERATOR_KEY) must be at least "
                    + MIN_OPERATOR_KEY_LENGTH + " characters, or empty to disable the operator key; it has " + trimmed.length());
        }
    }
}
