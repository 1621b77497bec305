package dev.tokenmeter.event;

/**
 * One reason an event is invalid.
 *
 * @param field   JSON path of the offending field ({@code usage.cachedInputTokens}), or {@code $}
 *                for the whole record
 * @param reason  machine-readable category
 * @param message what is wrong, for people
 */
public record Violation(String field, Reason reason, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
