@NullMarked
package dev.tokenmeter.query.access;

import org.jspecify.annotations.NullMarked;
