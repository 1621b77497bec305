/** The soak and chaos part: a steady load for a long time while processes are killed and restarted. */
@NullMarked
package dev.tokenmeter.bench.soak;

import org.jspecify.annotations.NullMarked;
