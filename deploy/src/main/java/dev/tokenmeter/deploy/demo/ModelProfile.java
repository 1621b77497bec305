package dev.tokenmeter.deploy.demo;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A model the demo calls, with the shape of its calls. Latency is
 * {@code firstTokenMs + 0.03 ms × input tokens + msPerOutputToken × output tokens}, with noise.
 *
 * @param reasoningMedian median reasoning tokens per call; 0 for models that do not reason
 * @param reportedUsdPerMillion for models whose calls report their own cost (embeddings): the price the
 *                              provider's own cost report uses, sent as {@code costUsd}; else null
 */
record ModelProfile(String provider, String model, Kind kind, int firstTokenMs, double msPerOutputToken,
        int reasoningMedian, @Nullable BigDecimal reportedUsdPerMillion) {

    enum Kind {
        CHAT, REASONING, EMBEDDING
    }
}
