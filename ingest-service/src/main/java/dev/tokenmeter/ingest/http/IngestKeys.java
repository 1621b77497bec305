package dev.tokenmeter.ingest.http;

import dev.tokenmeter.ingest.IngestSettings;
import dev.tokenmeter.keys.SecretHash;
import io.r2dbc.spi.Readable;
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

    private final Map<String, IngestKey> configured = new HashMap<>();
    private final DatabaseClient db;

    IngestKeys(IngestSettings settings, DatabaseClient db) {
        this.db = db;
        for (String entry : settings.http().keys()) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "tokenmeter.ingest.http.keys entries must look like tenant:secret, got an entry without both parts");
            }
            String hash = HEX.formatHex(SecretHash.of(entry.substring(colon + 1).trim()));
            configured.put(hash, new IngestKey("configured:" + hash.substring(0, 16), entry.substring(0, colon).trim()));
        }
    }

    /** The ingest key this secret belongs to; empty when it is none (unknown, revoked, or another role). */
    Mono<IngestKey> find(String secret) {
        byte[] hash = SecretHash.of(secret);
        IngestKey key = configured.get(HEX.formatHex(hash));
        if (key != null) {
            return Mono.just(key);
        }
        return db.sql("SELECT id, tenant FROM api_key WHERE secret_hash = $1 AND revoked_at IS NULL AND role = 'ingest'")
                .bind(0, hash)
                .map(row -> new IngestKey(text(row, "id"), text(row, "tenant")))
                .one();
    }

    private static String text(Readable row, String column) {
        String value = row.get(column, String.class);
        if (value == null) {
            throw new IllegalStateException("api_key." + column + " is NOT NULL");
        }
        return value;
    }
}
