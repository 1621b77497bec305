/**
 * Per key and per tenant rate limits shared by the query API and HTTP ingest: token buckets
 * (Bucket4j) kept per instance, bounded in number (Caffeine), and the {@code RateLimit-*} and
 * {@code Retry-After} headers that describe them.
 */
@NullMarked
package dev.tokenmeter.ratelimit;

import org.jspecify.annotations.NullMarked;
