package dev.tokenmeter.query.range;

import java.time.Instant;

/** One timeline bucket {@code [start, end)}. */
public record Bucket(Instant start, Instant end) {
}
