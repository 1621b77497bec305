package dev.tokenmeter.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends one batch to the ingest endpoint, retrying what may be retried, and settles every event's future.
 *
 * @param abort counted down when the publisher closes: a retry waiting out its backoff stops at once
 */
record IngestCall(HttpPublisherSettings settings, HttpClient http, CountDownLatch abort) {

    private static final System.Logger log = System.getLogger(HttpUsagePublisher.class.getName());

    /** Returns once every event of the batch is accepted or failed. */
    void deliver(List<HttpUsagePublisher.Pending> batch) throws InterruptedException {
        long started = System.nanoTime();
        for (int attempt = 1;; attempt++) {
            IngestAnswer answer;
            try {
                answer = IngestAnswer.of(http.send(request(batch), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                answer = new IngestAnswer.Retry(e.toString(), null);
            } catch (InterruptedException e) {
                failAll(batch, "Interrupted while sending the events");
                throw e;
            }
            if (answer instanceof IngestAnswer.Retry retry) {
                if (waitBeforeRetry(batch, retry, attempt, started)) {
                    continue;
                }
            } else if (answer instanceof IngestAnswer.Accepted) {
                batch.forEach(pending -> pending.done().complete(null));
            } else if (answer instanceof IngestAnswer.PartlyRejected rejected) {
                settle(batch, rejected);
            } else if (answer instanceof IngestAnswer.TooLarge) {
                split(batch);
            } else {
                failAll(batch, "The ingest service refused the events: " + ((IngestAnswer.Refused) answer).reason());
            }
            return;
        }
    }

    /** Waits out the backoff and answers true, or fails the batch and answers false when its time is up. */
    private boolean waitBeforeRetry(List<HttpUsagePublisher.Pending> batch, IngestAnswer.Retry retry, int attempt,
            long started) throws InterruptedException {
        Duration delay = backoff(attempt);
        if (retry.retryAfter() != null && retry.retryAfter().compareTo(delay) > 0) {
            delay = retry.retryAfter();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (elapsed.plus(delay).compareTo(settings.deliveryTimeout()) > 0) {
            failAll(batch, "Not accepted within the delivery timeout of " + settings.deliveryTimeout().toSeconds()
                    + " s after " + attempt + " attempt(s); last: " + retry.reason());
            return false;
        }
        if (attempt == 1) {
            log.log(Level.WARNING, "Ingest at {0} did not accept a batch of {1} events ({2}); retrying with backoff",
                    settings.ingestUrl(), batch.size(), retry.reason());
        }
        if (abort.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
            failAll(batch, "The publisher closed while retrying; last: " + retry.reason());
            return false;
        }
        return true;
    }

    /** Exponential from minBackoff, capped at maxBackoff; the wait is drawn from the upper half, so clients spread out. */
    private Duration backoff(int attempt) {
        long min = settings.minBackoff().toMillis();
        long cap = Math.min(settings.maxBackoff().toMillis(), min << Math.min(attempt - 1, 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private void settle(List<HttpUsagePublisher.Pending> batch, IngestAnswer.PartlyRejected rejected) {
        for (int i = 0; i < batch.size(); i++) {
            HttpUsagePublisher.Pending pending = batch.get(i);
            var violations = rejected.invalidItems().get(i);
            if (violations == null) {
                pending.done().complete(null);
            } else {
                pending.done().completeExceptionally(
                        new InvalidEventException(java.util.Objects.requireNonNull(pending.event(), "a sent event").id(), violations));
            }
        }
    }

    private void split(List<HttpUsagePublisher.Pending> batch) throws InterruptedException {
        if (batch.size() == 1) {
            failAll(batch, "The ingest service answered 413: the event is larger than it accepts");
            return;
        }
        deliver(batch.subList(0, batch.size() / 2));
        deliver(batch.subList(batch.size() / 2, batch.size()));
    }

    private HttpRequest request(List<HttpUsagePublisher.Pending> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(batch.get(i).json());
        }
        body.write(']');
        return HttpRequest.newBuilder(settings.eventsUrl())
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + settings.ingestKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
    }

    private static void failAll(List<HttpUsagePublisher.Pending> batch, String reason) {
        PublishException failure = new PublishException(reason);
        batch.forEach(pending -> pending.done().completeExceptionally(failure));
    }
}
