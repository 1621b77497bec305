package dev.tokenmeter.ingest.http;

import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.keys.SecretHash;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Ingest keys: the {@code ingest} keys of the {@code api_key} table that the query service
 * issues (not revoked), plus any configured in {@code tokenmeter.ingest.http.keys} as
 * {@code tenant:secret} pairs (handy for a fixed demo key). Only SHA-256 hashes are kept.
 */
@Component
class IngestKeys {

    private static final HexFormat HEX = HexFormat.of();

    private final Map<String, String> configured = new HashMap<>();
    private final DatabaseClient db;

    IngestKeys(IngestSettings settings, DatabaseClient db) {
        this.db = db;
        for (String entry : settings.http().keys()) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "tokenmeter.ingest.http.keys entries must look like tenant:secret, got an entry without both parts");
            }
            configured.put(HEX.formatHex(SecretHash.of(entry.substring(colon + 1).trim())), entry.substring(0, colon).trim());
        }
    }

    /** The tenant whose ingest key this is; empty when it is none (unknown, revoked, or another role). */
    Mono<String> tenantOf(String secret) {
        byte[] hash = SecretHash.of(secret);
        String tenant = configured.get(HEX.formatHex(hash));
        if (tenant != null) {
            return Mono.just(tenant);
        }
        return db.sql("SELECT tenant FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL AND role = 'ingest'")
                .bind(0, hash)
                .map(row -> row.get("tenant", String.class))
                .one();
    }
}
