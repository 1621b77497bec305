@NullMarked
package dev.tokenmeter.ingest.http;

import org.jspecify.annotations.NullMarked;
