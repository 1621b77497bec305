/** The operator's list of tenants with their usage ({@code GET /api/v1/tenants}). */
@NullMarked
package dev.tokenmeter.query.tenants;

import org.jspecify.annotations.NullMarked;
