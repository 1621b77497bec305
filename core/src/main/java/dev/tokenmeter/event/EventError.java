package dev.tokenmeter.event;

import org.jspecify.annotations.Nullable;

/** What went wrong in a failed call, as the publisher described it. */
public record EventError(@Nullable String type, @Nullable String message) {
}
