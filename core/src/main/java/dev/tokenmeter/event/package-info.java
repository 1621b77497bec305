@NullMarked
package dev.tokenmeter.event;

import org.jspecify.annotations.NullMarked;
