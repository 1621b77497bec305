/**
 * Publishing usage events from JVM services: {@link dev.tokenmeter.client.UsagePublisher} with a
 * Kafka and an HTTP implementation, {@link dev.tokenmeter.client.UsageEventBuilder} and generated
 * ids. Provider usage mappers live in {@code dev.tokenmeter.client.provider}.
 */
@NullMarked
package dev.tokenmeter.client;

import org.jspecify.annotations.NullMarked;
