/**
 * Prices as tenants see and correct them: the effective price list (built-in catalog and the
 * tenant's own prices), setting a price, models seen without one, and re-pricing stored events
 * with their rollups as a job.
 */
@NullMarked
package dev.tokenmeter.query.pricing;

import org.jspecify.annotations.NullMarked;
