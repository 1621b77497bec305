@NullMarked
package dev.tokenmeter.pricing;

import org.jspecify.annotations.NullMarked;
