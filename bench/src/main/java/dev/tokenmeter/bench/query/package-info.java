/**
 * Query latency of the real query service over a bulk-loaded dataset, against plain SQL GROUP BY
 * over the raw events, with a check that both answers agree.
 */
@NullMarked
package dev.tokenmeter.bench.query;

import org.jspecify.annotations.NullMarked;
