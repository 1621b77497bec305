@NullMarked
package dev.tokenmeter.query.range;

import org.jspecify.annotations.NullMarked;
