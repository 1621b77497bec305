@NullMarked
package dev.tokenmeter.latency;

import org.jspecify.annotations.NullMarked;
