@NullMarked
package dev.tokenmeter.keys;

import org.jspecify.annotations.NullMarked;
