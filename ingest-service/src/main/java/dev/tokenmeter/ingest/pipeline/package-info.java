@NullMarked
package dev.tokenmeter.ingest.pipeline;

import org.jspecify.annotations.NullMarked;
