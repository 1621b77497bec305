/** Identifiers of the query service's own rows: a type prefix and random bits. */
@NullMarked
package dev.tokenmeter.query.ids;

import org.jspecify.annotations.NullMarked;
