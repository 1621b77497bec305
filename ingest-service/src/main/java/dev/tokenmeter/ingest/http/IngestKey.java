package dev.tokenmeter.ingest.http;

/**
 * An ingest key that authenticated a request.
 *
 * @param id     the key's id in {@code api_key}, or {@code configured:} and a prefix of the secret's
 *               hash for a key of {@code tokenmeter.ingest.http.keys}
 * @param tenant the tenant it publishes for
 */
record IngestKey(String id, String tenant) {
}
