/**
 * Freshness: time from publishing an event to seeing it in the summary, under steady background load.
 */
@NullMarked
package dev.tokenmeter.bench.freshness;

import org.jspecify.annotations.NullMarked;
