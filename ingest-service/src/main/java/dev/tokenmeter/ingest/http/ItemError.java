package dev.tokenmeter.ingest.http;

import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.Violation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Why one item of an HTTP batch was refused.
 *
 * @param index      position of the item in the request (0 for a single event)
 * @param id         the item's id when it had a readable one
 * @param reason     the most fundamental reason, as its wire code (e.g. {@code schema_violation})
 * @param violations every violation found, each with its reason as a wire code too
 */
record ItemError(int index, @Nullable String id, String reason, List<ItemViolation> violations) {

    static ItemError of(int index, @Nullable String id, ParseResult.Invalid invalid) {
        return new ItemError(index, id, invalid.reason().code(),
                invalid.violations().stream().map(ItemViolation::of).toList());
    }

    /** One violation as the API shows it: the reason spelled as in {@code x-error-reason}, not as an enum name. */
    record ItemViolation(String field, String reason, String message) {

        static ItemViolation of(Violation violation) {
            return new ItemViolation(violation.field(), violation.reason().code(), violation.message());
        }
    }
}
