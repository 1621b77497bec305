package dev.tokenmeter.bench.freshness;

import dev.tokenmeter.process.DaemonThreads;
import dev.tokenmeter.bench.BenchStack;
import dev.tokenmeter.deploy.demo.EventGenerator;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A steady stream of the demo generator's events at a fixed rate, timed now, sent every 10 ms. */
public final class BackgroundLoad implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventGenerator generator = new EventGenerator(20_261_124L);
    private final int rate;
    private final String idPrefix;
    private final long started = System.nanoTime();
    private final AtomicLong sent = new AtomicLong();
    private final ScheduledExecutorService scheduler = DaemonThreads.scheduler("bench-background-load");
    private volatile long stopped;

    public BackgroundLoad(KafkaProducer<String, byte[]> producer, int rate, String idPrefix) {
        this.producer = producer;
        this.rate = rate;
        this.idPrefix = idPrefix;
        scheduler.scheduleAtFixedRate(this::tick, 0, 10, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        long due = (long) (rate * ((System.nanoTime() - started) / 1e9));
        Instant now = Instant.now();
        while (sent.get() < due) {
            String id = idPrefix + sent.get();
            producer.send(new ProducerRecord<>(BenchStack.TOPIC, id, generator.next(id, now).toJson()));
            sent.incrementAndGet();
        }
    }

    public long sent() {
        return sent.get();
    }

    /** Events per second actually handed to the producer. */
    public double achievedRate() {
        long end = stopped == 0 ? System.nanoTime() : stopped;
        return sent.get() / ((end - started) / 1e9);
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(2, TimeUnit.SECONDS);
        stopped = System.nanoTime();
    }
}
