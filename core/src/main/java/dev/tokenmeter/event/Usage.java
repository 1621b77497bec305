package dev.tokenmeter.event;

/**
 * Token counts of one call, as the contract defines them: {@code inputTokens} holds ALL prompt
 * tokens (cache reads and writes included) and {@code outputTokens} ALL completion tokens
 * (reasoning included). The validator guarantees the cross-field invariants.
 */
public record Usage(long inputTokens, long cachedInputTokens, long cacheWriteTokens,
        long outputTokens, long reasoningTokens) {

    public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    /** Prompt tokens billed at the plain input price. */
    public long uncachedInputTokens() {
        return inputTokens - cachedInputTokens - cacheWriteTokens;
    }

    /** Completion tokens billed at the plain output price. */
    public long visibleOutputTokens() {
        return outputTokens - reasoningTokens;
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
