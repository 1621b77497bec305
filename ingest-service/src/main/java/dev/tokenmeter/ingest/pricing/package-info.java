/** Prices events at ingest with the tenant's own prices first and the built-in catalog second. */
@NullMarked
package dev.tokenmeter.ingest.pricing;

import org.jspecify.annotations.NullMarked;
