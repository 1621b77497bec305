package dev.tokenmeter.client;

import dev.tokenmeter.client.provider.ProviderUsage;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

// The README's Java example ("Send usage"), run by ExamplesIT; the README shows the tagged region verbatim.
// tag::send-usage[]
/** One per process: publish() is asynchronous and batched; close() on shutdown sends what is buffered. */
final class Metering implements AutoCloseable {

    private final UsagePublisher usage;

    Metering(URI ingestUrl, String ingestKey) {
        usage = HttpUsagePublisher.create(HttpPublisherSettings.of(ingestUrl, ingestKey));
        // or, where the service reaches Kafka: KafkaUsagePublisher.create(KafkaPublisherSettings.of("kafka-1:9092"))
    }

    /** response: the chat completion's JSON body, as the OpenAI API (or your SDK's raw response) gave it. */
    CompletableFuture<Void> chatCompleted(String tenant, JsonNode response, Duration latency, String user) {
        return usage.publish(UsageEventBuilder.forTenant(tenant)
                .call(ProviderUsage.openAiChatCompletion(response)) // provider, endpoint, model, token fields
                .project("support-bot").user(user).latency(latency)
                .build());
    }

    @Override
    public void close() {
        usage.close();
    }
}
// end::send-usage[]
