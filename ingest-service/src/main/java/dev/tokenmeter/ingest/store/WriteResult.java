package dev.tokenmeter.ingest.store;

/**
 * What one batch write did.
 *
 * @param persisted   events stored for the first time (and added to the rollups)
 * @param duplicates  events not stored because their (tenant, id) was already there or earlier in the batch
 * @param conflicting duplicates whose payload differs from the stored one (included in duplicates)
 */
public record WriteResult(long persisted, long duplicates, long conflicting) {

    public static final WriteResult NONE = new WriteResult(0, 0, 0);

    /** What two writes did together. */
    public WriteResult plus(WriteResult other) {
        return new WriteResult(persisted + other.persisted, duplicates + other.duplicates, conflicting + other.conflicting);
    }
}
