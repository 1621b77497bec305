package dev.tokenmeter.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * How API key secrets are stored: the SHA-256 of their UTF-8 bytes ({@code api_key.secret_hash}).
 * Shared by the query service, which issues keys, and the ingest service, which checks ingest keys.
 * A fast hash is right here because secrets are 192 random bits, not passwords.
 */
public final class SecretHash {

    private SecretHash() {
    }

    public static byte[] of(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime provides SHA-256", e);
        }
    }
}
