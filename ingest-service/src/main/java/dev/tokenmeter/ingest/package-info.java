@NullMarked
package dev.tokenmeter.ingest;

import org.jspecify.annotations.NullMarked;
