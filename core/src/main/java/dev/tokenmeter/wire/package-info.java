/** How enum constants are spelled on the wire: in JSON, query parameters and database columns. */
@NullMarked
package dev.tokenmeter.wire;

import org.jspecify.annotations.NullMarked;
