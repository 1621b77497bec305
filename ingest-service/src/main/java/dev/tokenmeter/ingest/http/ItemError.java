package dev.tokenmeter.ingest.http;

import dev.tokenmeter.event.Violation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why one item of an HTTP batch was refused.
 *
 * @param index position of the item in the request (0 for a single event)
 * @param id    the item's id when it had a readable one
 */
record ItemError(int index, @Nullable String id, String reason, List<Violation> violations) {
}
