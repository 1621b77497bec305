/**
 * Work that one instance at a time does for the whole deployment (budget evaluation, later alert
 * delivery): a named lease on PostgreSQL that survives the holder's death.
 */
@NullMarked
package dev.tokenmeter.query.lease;

import org.jspecify.annotations.NullMarked;
