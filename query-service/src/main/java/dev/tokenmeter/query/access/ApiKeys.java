package dev.tokenmeter.query.access;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The tenants' API keys (table {@code api_key}, migration {@code V3__api_keys.sql}).
 *
 * <p>A secret is looked up by its SHA-256 (see {@link KeySecrets}); the secret itself exists only in
 * the answer that created it. Another service checks a key against the same table with one query on
 * the unique index, hashing the presented secret's UTF-8 bytes with SHA-256 first; the ingest service,
 * for example, accepts a key when this answers a row:
 *
 * <pre>{@code
 * SELECT id, tenant FROM api_key
 * WHERE secret_hash = $1 AND revoked_at IS NULL AND role = 'ingest'
 * }</pre>
 */
@Component
public class ApiKeys {

    /**
     * Finds a valid key by the hash of its secret and, in the same statement, records its use; to keep
     * the read path cheap {@code last_used_at} is written only when it is more than a minute old.
     */
    private static final String VERIFY = """
            WITH found AS (
                SELECT id, tenant, role, last_used_at FROM api_key
                WHERE secret_hash = :hash AND revoked_at IS NULL
            ), touched AS (
                UPDATE api_key SET last_used_at = now()
                FROM found
                WHERE api_key.id = found.id
                  AND (found.last_used_at IS NULL OR found.last_used_at < now() - interval '1 minute')
            )
            SELECT id, tenant, role FROM found""";
    private static final String INSERT = """
            INSERT INTO api_key (id, tenant, role, name, secret_hash)
            VALUES (:id, :tenant, :role, :name, :hash)
            RETURNING id, tenant, role, name, created_at, revoked_at, last_used_at""";
    private static final String COLUMNS = "SELECT id, tenant, role, name, created_at, revoked_at, last_used_at FROM api_key";
    private static final String LIST_TENANT = COLUMNS + " WHERE tenant = :tenant ORDER BY created_at, id";
    private static final String LIST_ALL = COLUMNS + " ORDER BY tenant, created_at, id";
    private static final String REVOKE = "UPDATE api_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id";
    private static final String REVOKE_IN_TENANT = REVOKE + " AND tenant = :tenant";

    /** What a tenant id is, as in events and in the {@code api_key} table. */
    static final String TENANT_RULE = "must be 1-64 characters of [a-z0-9_-]";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9_-]{1,64}");

    /** A key that may be used now: known and not revoked. */
    public record VerifiedKey(String id, String tenant, Role role) {
    }

    /** A stored key as its tenant's admin sees it: never the secret. */
    record ApiKey(String id, String tenant, Role role, String name, Instant createdAt,
            @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
    }

    /** A key just created, with the only copy of its secret. */
    record CreatedKey(ApiKey key, String secret) {
    }

    private final DatabaseClient db;

    ApiKeys(DatabaseClient db) {
        this.db = db;
    }

    /**
     * The key a presented secret belongs to; empty when the secret is unknown or its key revoked.
     * Revocation takes effect for the next request: nothing is cached.
     */
    public Mono<VerifiedKey> verify(String secret) {
        return db.sql(VERIFY)
                .bind("hash", KeySecrets.hash(secret))
                .map(row -> new VerifiedKey(text(row, "id"), text(row, "tenant"), Role.fromCode(text(row, "role"))))
                .one();
    }

    /** Creates a key of a tenant with a new random secret. */
    Mono<CreatedKey> create(String tenant, Role role, String name) {
        String secret = KeySecrets.newSecret();
        return db.sql(INSERT)
                .bind("id", KeySecrets.newId())
                .bind("tenant", tenant)
                .bind("role", role.code())
                .bind("name", name)
                .bind("hash", KeySecrets.hash(secret))
                .map(ApiKeys::apiKey)
                .one()
                .map(key -> new CreatedKey(key, secret));
    }

    /** The keys of one tenant, or of every tenant when {@code tenant} is null, oldest first. */
    Flux<ApiKey> list(@Nullable String tenant) {
        DatabaseClient.GenericExecuteSpec query = tenant == null
                ? db.sql(LIST_ALL)
                : db.sql(LIST_TENANT).bind("tenant", tenant);
        return query.map(ApiKeys::apiKey).all();
    }

    /**
     * Revokes a key, keeping the time of the first revocation; answers whether the key exists (within
     * {@code tenant} when one is given).
     */
    Mono<Boolean> revoke(String id, @Nullable String tenant) {
        DatabaseClient.GenericExecuteSpec update = tenant == null
                ? db.sql(REVOKE).bind("id", id)
                : db.sql(REVOKE_IN_TENANT).bind("id", id).bind("tenant", tenant);
        return update.fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    static boolean isTenantId(String text) {
        return TENANT.matcher(text).matches();
    }

    private static ApiKey apiKey(Readable row) {
        return new ApiKey(text(row, "id"), text(row, "tenant"), Role.fromCode(text(row, "role")), text(row, "name"),
                instant(row, "created_at"), row.get("revoked_at", Instant.class), row.get("last_used_at", Instant.class));
    }

    private static String text(Readable row, String column) {
        String value = row.get(column, String.class);
        if (value == null) {
            throw new IllegalStateException("api_key." + column + " is NOT NULL");
        }
        return value;
    }

    private static Instant instant(Readable row, String column) {
        Instant value = row.get(column, Instant.class);
        if (value == null) {
            throw new IllegalStateException("api_key." + column + " is NOT NULL");
        }
        return value;
    }
}
