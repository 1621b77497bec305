/** How far back raw events are complete, as the ingest service's retention recorded it. */
@NullMarked
package dev.tokenmeter.query.retention;

import org.jspecify.annotations.NullMarked;
