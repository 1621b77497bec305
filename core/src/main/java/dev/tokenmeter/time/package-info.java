/** The services' clock. */
@NullMarked
package dev.tokenmeter.time;

import org.jspecify.annotations.NullMarked;
