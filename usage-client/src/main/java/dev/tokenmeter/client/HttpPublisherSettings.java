package dev.tokenmeter.client;

import java.net.URI;
import java.time.Duration;

/**
 * How {@link HttpUsagePublisher} talks to the ingest service. Start from {@link #of} and change
 * what you need with the {@code with...} methods.
 *
 * @param ingestUrl       the ingest service's base URL, e.g. {@code http://ingest:8081}; events go
 *                        to {@code <ingestUrl>/api/v1/events}
 * @param ingestKey       the ingest key's secret (sent as {@code Authorization: Bearer}); its tenant
 *                        must be the tenant of every event
 * @param maxBatchEvents  most events per request (the endpoint takes up to 1000; default 500)
 * @param maxBatchBytes   largest request body (the endpoint takes up to 1 MiB; default 1 000 000)
 * @param linger          how long a batch waits for more events (default 50 ms)
 * @param bufferEvents    most events queued and not yet sent (default 10 000)
 * @param maxBlock        how long {@code publish} waits for room in a full buffer before it fails
 *                        the event with {@link BufferFullException} (default 2 s)
 * @param connectTimeout  TCP connect timeout (default 5 s)
 * @param requestTimeout  how long one request may take (default 30 s; ingest answers only once
 *                        Kafka acknowledged every event)
 * @param minBackoff      first pause before a retry (default 200 ms), doubled on each retry ...
 * @param maxBackoff      ... up to this (default 10 s), with random jitter
 * @param deliveryTimeout how long an event may take to be accepted, retries included (default
 *                        2 min); then its future fails
 */
public record HttpPublisherSettings(URI ingestUrl, String ingestKey, int maxBatchEvents, int maxBatchBytes,
        Duration linger, int bufferEvents, Duration maxBlock, Duration connectTimeout,
        Duration requestTimeout, Duration minBackoff, Duration maxBackoff,
        Duration deliveryTimeout) {

    /** What the ingest endpoint accepts in one request (API.md §1). */
    static final int MAX_EVENTS_PER_REQUEST = 1000;
    static final int MAX_BYTES_PER_REQUEST = 1024 * 1024;

    public HttpPublisherSettings {
        if (maxBatchEvents < 1 || maxBatchEvents > MAX_EVENTS_PER_REQUEST) {
            throw new IllegalArgumentException("maxBatchEvents must be 1-" + MAX_EVENTS_PER_REQUEST);
        }
        if (maxBatchBytes < 64 * 1024 + 2 || maxBatchBytes > MAX_BYTES_PER_REQUEST) {
            throw new IllegalArgumentException("maxBatchBytes must hold one largest event (64 KiB) and be at most 1 MiB");
        }
        if (bufferEvents < 1) {
            throw new IllegalArgumentException("bufferEvents must be at least 1");
        }
    }

    public static HttpPublisherSettings of(URI ingestUrl, String ingestKey) {
        return new HttpPublisherSettings(ingestUrl, ingestKey, 500, 1_000_000, Duration.ofMillis(50), 10_000,
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(200),
                Duration.ofSeconds(10), Duration.ofMinutes(2));
    }

    public HttpPublisherSettings withBatching(int maxBatchEvents, Duration linger) {
        return new HttpPublisherSettings(ingestUrl, ingestKey, maxBatchEvents, maxBatchBytes, linger, bufferEvents,
                maxBlock, connectTimeout, requestTimeout, minBackoff, maxBackoff, deliveryTimeout);
    }

    public HttpPublisherSettings withBuffer(int bufferEvents, Duration maxBlock) {
        return new HttpPublisherSettings(ingestUrl, ingestKey, maxBatchEvents, maxBatchBytes, linger, bufferEvents,
                maxBlock, connectTimeout, requestTimeout, minBackoff, maxBackoff, deliveryTimeout);
    }

    public HttpPublisherSettings withTimeouts(Duration connectTimeout, Duration requestTimeout, Duration deliveryTimeout) {
        return new HttpPublisherSettings(ingestUrl, ingestKey, maxBatchEvents, maxBatchBytes, linger, bufferEvents,
                maxBlock, connectTimeout, requestTimeout, minBackoff, maxBackoff, deliveryTimeout);
    }

    public HttpPublisherSettings withBackoff(Duration minBackoff, Duration maxBackoff) {
        return new HttpPublisherSettings(ingestUrl, ingestKey, maxBatchEvents, maxBatchBytes, linger, bufferEvents,
                maxBlock, connectTimeout, requestTimeout, minBackoff, maxBackoff, deliveryTimeout);
    }

    /** {@code <ingestUrl>/api/v1/events}. */
    URI eventsUrl() {
        String base = ingestUrl.toString();
        return URI.create(base + (base.endsWith("/") ? "" : "/") + "api/v1/events");
    }

    /** Never prints the ingest key. */
    @Override
    public String toString() {
        return "HttpPublisherSettings[ingestUrl=" + ingestUrl + ", ingestKey=***, maxBatchEvents=" + maxBatchEvents
                + ", maxBatchBytes=" + maxBatchBytes + ", linger=" + linger + ", bufferEvents=" + bufferEvents
                + ", maxBlock=" + maxBlock + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", minBackoff=" + minBackoff + ", maxBackoff=" + maxBackoff + ", deliveryTimeout=" + deliveryTimeout + "]";
    }
}
