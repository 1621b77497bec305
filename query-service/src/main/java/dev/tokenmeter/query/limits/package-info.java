/**
 * Per key and per tenant rate limits of the query API: token buckets (Bucket4j) kept per instance,
 * bounded in number, drawn from only after a key authenticated.
 */
@NullMarked
package dev.tokenmeter.query.limits;

import org.jspecify.annotations.NullMarked;
