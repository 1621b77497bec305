package dev.tokenmeter.client.provider;

import dev.tokenmeter.event.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What a provider response tells about the call it answered, in the contract's terms.
 *
 * @param provider   the contract's provider name ({@code openai}, {@code anthropic}, {@code google})
 * @param endpoint   the API called ({@code chat.completions}, {@code responses}, {@code messages},
 *                   {@code generateContent})
 * @param model      the model the response names (often a dated snapshot such as
 *                   {@code gpt-4o-2024-08-06}, which the price catalog resolves), or null when it
 *                   names none
 * @param responseId the provider's id of the response, or null when it has none; unique per call,
 *                   so it may serve as the event id
 * @param usage      the token counts with the contract's meanings: input includes cache reads and
 *                   writes, output includes reasoning
 */
public record ProviderCall(String provider, String endpoint, @Nullable String model,
        @Nullable String responseId, Usage usage) {
}
