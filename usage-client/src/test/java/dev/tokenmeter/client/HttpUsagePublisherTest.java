package dev.tokenmeter.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tokenmeter.event.Reason;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.UsageEvent;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpUsagePublisherTest {

    private final StubIngest ingest = new StubIngest();

    @AfterEach
    void stop() {
        ingest.close();
    }

    private HttpPublisherSettings settings() {
        return HttpPublisherSettings.of(ingest.url(), "s3cret")
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void queuedEventsTravelAsOneBatchWithTheIngestKey() {
        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings().withBatching(500, Duration.ofMillis(300)))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                futures.add(publisher.publish(TestEvents.event("acme", "req-" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }

        assertThat(ingest.requests()).hasSize(1);
        assertThat(ingest.requests().get(0).authorization()).isEqualTo("Bearer s3cret");
        assertThat(ingest.receivedIds()).hasSize(25).startsWith("req-0", "req-1").endsWith("req-24");
    }

    @Test
    void batchesNeverExceedTheConfiguredSize() {
        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings().withBatching(10, Duration.ofMillis(200)))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 35; i++) {
                futures.add(publisher.publish(TestEvents.event("acme", "req-" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }

        assertThat(ingest.requests()).allMatch(request -> request.body().size() <= 10);
        assertThat(ingest.receivedIds()).hasSize(35).doesNotHaveDuplicates();
    }

    @Test
    void serverErrorsAreRetriedWithTheSameEventsUntilAccepted() {
        AtomicInteger calls = new AtomicInteger();
        ingest.answer(request -> calls.incrementAndGet() <= 2
                ? new StubIngest.Answer(503, "{\"status\":503,\"detail\":\"Kafka is down\",\"retryable\":true}")
                : StubIngest.Answer.accepted(request.body().size()));

        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings())) {
            publisher.publish(TestEvents.event("acme", "req-1")).join();
        }

        assertThat(ingest.receivedIds()).containsExactly("req-1", "req-1", "req-1");
    }

    @Test
    void perItemErrorsFailOnlyThoseEventsAndAreNotRetried() {
        ingest.answer(request -> new StubIngest.Answer(400, """
                {"status":400,"detail":"1 event(s) are invalid and were not accepted; the 1 valid one(s) were",
                 "accepted":1,
                 "errors":[{"index":1,"id":"req-2","reason":"tenant_mismatch",
                            "violations":[{"field":"tenant","reason":"tenant_mismatch",
                                           "message":"the ingest key belongs to tenant 'acme'"}]}]}"""));

        CompletableFuture<Void> first;
        CompletableFuture<Void> second;
        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings().withBatching(500, Duration.ofMillis(200)))) {
            first = publisher.publish(TestEvents.event("acme", "req-1"));
            second = publisher.publish(TestEvents.event("other", "req-2"));
            publisher.flush();
        }

        assertThat(first).isCompleted().isNotCompletedExceptionally();
        assertThatThrownBy(second::join).cause().isInstanceOfSatisfying(InvalidEventException.class, e -> {
            assertThat(e.eventId()).isEqualTo("req-2");
            assertThat(e.reason()).isEqualTo(Reason.TENANT_MISMATCH);
            assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("tenant"));
        });
        assertThat(ingest.requests()).hasSize(1);
    }

    @Test
    void aRefusedKeyFailsTheEventsWithoutRetry() {
        ingest.answer(request -> new StubIngest.Answer(401, "{\"status\":401,\"detail\":\"Send an ingest key\"}"));

        CompletableFuture<Void> future;
        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings())) {
            future = publisher.publish(TestEvents.event("acme", "req-1"));
            publisher.flush();
        }

        assertThatThrownBy(future::join).cause().isInstanceOf(PublishException.class).hasMessageContaining("401");
        assertThat(ingest.requests()).hasSize(1);
    }

    @Test
    void anUnreachableIngestFailsTheEventAfterTheDeliveryTimeout() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpPublisherSettings unreachable = HttpPublisherSettings.of(URI.create("http://127.0.0.1:" + closedPort), "s3cret")
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(1));
        Instant start = Instant.now();

        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(unreachable)) {
            CompletableFuture<Void> future = publisher.publish(TestEvents.event("acme", "req-1"));

            assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(PublishException.class)
                    .hasMessageContaining("delivery timeout")
                    .hasMessageContaining("ConnectException");
        }
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aTooLargeAnswerSplitsTheBatch() {
        ingest.answer(request -> request.body().size() > 3
                ? new StubIngest.Answer(413, "{\"status\":413,\"detail\":\"too large\"}")
                : StubIngest.Answer.accepted(request.body().size()));

        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings().withBatching(500, Duration.ofMillis(200)))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(publisher.publish(TestEvents.event("acme", "req-" + i)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }

        assertThat(ingest.requests().stream().filter(r -> r.body().size() <= 3)
                .flatMap(r -> java.util.stream.StreamSupport.stream(r.body().spliterator(), false)))
                .hasSize(10);
    }

    @Test
    void aFullBufferFailsThePublishAfterMaxBlockInsteadOfWaitingForever() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ingest.answer(request -> {
            awaitQuietly(release);
            return StubIngest.Answer.accepted(request.body().size());
        });
        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings()
                .withBatching(1, Duration.ZERO)
                .withBuffer(2, Duration.ofMillis(100)))) {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            futures.add(publisher.publish(TestEvents.event("acme", "req-0")));
            org.awaitility.Awaitility.await().until(() -> ingest.requests().size() == 1); // req-0 is in flight
            futures.add(publisher.publish(TestEvents.event("acme", "req-1")));
            futures.add(publisher.publish(TestEvents.event("acme", "req-2")));

            CompletableFuture<Void> overflow = publisher.publish(TestEvents.event("acme", "req-3"));

            assertThatThrownBy(overflow::join).cause().isInstanceOf(BufferFullException.class)
                    .hasMessageContaining("req-3");
            release.countDown();
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        }
        assertThat(ingest.receivedIds()).containsExactly("req-0", "req-1", "req-2");
    }

    @Test
    void anInvalidEventIsNeverSent() {
        UsageEvent tooOld = new UsageEvent("req-1", "acme", Instant.now().minus(Duration.ofDays(60)), "openai",
                "gpt-4o", "chat.completions", null, null, null, Status.SUCCESS, null, null,
                dev.tokenmeter.event.Usage.NONE, null, java.util.Map.of());

        try (HttpUsagePublisher publisher = HttpUsagePublisher.create(settings())) {
            assertThatThrownBy(() -> publisher.publish(tooOld).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(InvalidEventException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_OLD));
        }
        assertThat(ingest.requests()).isEmpty();
    }

    @Test
    void closeSendsWhatIsQueuedAndRefusesNewEvents() {
        HttpUsagePublisher publisher = HttpUsagePublisher.create(settings().withBatching(500, Duration.ofSeconds(5)));
        CompletableFuture<Void> queued = publisher.publish(TestEvents.event("acme", "req-1"));

        publisher.close();

        assertThat(queued).isCompleted().isNotCompletedExceptionally();
        assertThatThrownBy(() -> publisher.publish(TestEvents.event("acme", "req-2")).join())
                .cause().isInstanceOf(PublishException.class).hasMessageContaining("closed");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
