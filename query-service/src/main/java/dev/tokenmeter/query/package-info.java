@NullMarked
package dev.tokenmeter.query;

import org.jspecify.annotations.NullMarked;
