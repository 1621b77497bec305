/**
 * Budgets on any slice of a tenant's usage, their evaluation, and the alerts they raise: each
 * threshold (and the forecast) at most once per budget and period, delivered by signed webhooks.
 */
@NullMarked
package dev.tokenmeter.query.budget;

import org.jspecify.annotations.NullMarked;
