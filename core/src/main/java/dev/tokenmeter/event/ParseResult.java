package dev.tokenmeter.event;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The outcome of reading one record: a valid event, or every violation found in it. */
public sealed interface ParseResult {

    record Valid(UsageEvent event) implements ParseResult {
    }

    record Invalid(List<Violation> violations) implements ParseResult {

        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one violation");
            }
        }

        /** The most fundamental reason, used as the dead-letter header {@code x-error-reason}. */
        public Reason reason() {
            return violations.stream().map(Violation::reason).min(Comparator.naturalOrder()).orElseThrow();
        }

        /** Every violation, for the dead-letter header {@code x-error-detail}. */
        public String detail() {
            return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
        }
    }
}
