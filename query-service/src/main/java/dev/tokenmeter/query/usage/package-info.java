@NullMarked
package dev.tokenmeter.query.usage;

import org.jspecify.annotations.NullMarked;
