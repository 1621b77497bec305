@NullMarked
package dev.tokenmeter.ingest.store;

import org.jspecify.annotations.NullMarked;
