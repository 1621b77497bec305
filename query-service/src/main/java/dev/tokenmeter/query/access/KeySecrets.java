package dev.tokenmeter.query.access;

import dev.tokenmeter.keys.SecretHash;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Key ids, secrets and their hashes.
 *
 * <p>A secret is {@code tm_} and 24 bytes (192 bits) of {@link SecureRandom} in unpadded base64url,
 * 35 characters in all. Only its SHA-256 is stored. A fast hash is right for secrets this random:
 * there is no dictionary to try and 2^192 values to enumerate, so a slow password hash would only add
 * latency to every request; and being unsalted, the hash finds the key with one indexed lookup.
 */
final class KeySecrets {

    static final String SECRET_PREFIX = "tm_";
    static final int SECRET_BYTES = 24;
    static final int SECRET_LENGTH = SECRET_PREFIX.length() + 32;
    private static final int ID_BYTES = 8;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private KeySecrets() {
    }

    /** A new secret, shown to its creator once and never again. */
    static String newSecret() {
        return SECRET_PREFIX + BASE64URL.encodeToString(randomBytes(SECRET_BYTES));
    }

    /** A new key id, {@code key_} and 16 hex digits; public, unlike the secret. */
    static String newId() {
        return "key_" + HexFormat.of().formatHex(randomBytes(ID_BYTES));
    }

    /** Whether a presented value has the shape of a secret, so that a malformed one costs no lookup. */
    static boolean looksLikeSecret(String presented) {
        return presented.length() == SECRET_LENGTH && presented.startsWith(SECRET_PREFIX);
    }

    /** The SHA-256 of the secret's UTF-8 bytes: what {@code api_key.secret_hash} holds. */
    static byte[] hash(String secret) {
        return SecretHash.of(secret);
    }

    /**
     * Compares two secrets in time independent of where they differ and of their lengths (both are
     * hashed to 32 bytes first), so a caller cannot guess a configured secret one character at a time.
     */
    static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(hash(presented), hash(expected));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
