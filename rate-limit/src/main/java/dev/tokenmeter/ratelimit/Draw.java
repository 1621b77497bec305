package dev.tokenmeter.ratelimit;

/**
 * One bucket a request takes a token from.
 *
 * @param scope what the bucket belongs to ({@code key} or {@code tenant}), named in refusals
 * @param name  the key's id or the tenant's id: with the scope and pool, the bucket's identity
 * @param pool  {@code requests} or {@code expensive}
 * @param quota the bucket's size and refill
 */
public record Draw(String scope, String name, String pool, Quota quota) {
}
