@NullMarked
package dev.tokenmeter.query.log;

import org.jspecify.annotations.NullMarked;
