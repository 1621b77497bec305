@NullMarked
package dev.tokenmeter.ingest.kafka;

import org.jspecify.annotations.NullMarked;
