package dev.tokenmeter.client;

import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.Violation;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The event breaks the contract (API.md §1) and was not accepted: found by the publisher's own
 * check before sending, or reported per item by HTTP ingest. Sending it again will not help.
 */
public class InvalidEventException extends PublishException {

    private final @Nullable String eventId;
    private final List<Violation> violations;

    public InvalidEventException(@Nullable String eventId, List<Violation> violations) {
        super("usage event " + (eventId == null ? "without id" : "'" + eventId + "'") + " is invalid: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid event needs at least one violation");
        }
        this.eventId = eventId;
        this.violations = List.copyOf(violations);
    }

    public @Nullable String eventId() {
        return eventId;
    }

    /** Every violation found, each with the offending field. */
    public List<Violation> violations() {
        return violations;
    }

    /** The most fundamental reason, as in the dead-letter header {@code x-error-reason}. */
    public Reason reason() {
        return violations.stream().map(Violation::reason).min(Comparator.naturalOrder()).orElseThrow();
    }
}
