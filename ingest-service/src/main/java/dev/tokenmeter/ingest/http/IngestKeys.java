package dev.tokenmeter.ingest.http;

import dev.tokenmeter.ingest.IngestSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Ingest keys from configuration ({@code tokenmeter.ingest.http.keys}: {@code tenant:secret}
 * pairs), until keys live in the database with the query service's key management. Only SHA-256
 * hashes of the secrets are kept in memory.
 */
@Component
class IngestKeys {

    private final Map<String, String> tenantByHash = new HashMap<>();

    IngestKeys(IngestSettings settings) {
        for (String entry : settings.http().keys()) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "tokenmeter.ingest.http.keys entries must look like tenant:secret, got an entry without both parts");
            }
            tenantByHash.put(hash(entry.substring(colon + 1).trim()), entry.substring(0, colon).trim());
        }
    }

    /** The tenant whose ingest key this is, if it is one. */
    Optional<String> tenantOf(String secret) {
        return Optional.ofNullable(tenantByHash.get(hash(secret)));
    }

    private static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
