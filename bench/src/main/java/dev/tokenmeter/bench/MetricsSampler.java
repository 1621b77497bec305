package dev.tokenmeter.bench;

import dev.tokenmeter.process.DaemonThreads;
import dev.tokenmeter.bench.report.PromText;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Scrapes a service's {@code /actuator/prometheus} (on its management port) now and then and keeps the highest heap use
 * seen (the sum of {@code jvm_memory_used_bytes{area="heap"}} over the heap pools).
 */
public final class MetricsSampler implements AutoCloseable {

    private final Http http = new Http(null);
    private final String url;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile double peakHeapBytes;
    private volatile int scrapes;

    /** @param managementUrl the service's management port, e.g. {@code http://127.0.0.1:9081} */
    public MetricsSampler(String managementUrl, long intervalMillis) {
        this.url = managementUrl + "/actuator/prometheus";
        this.thread = DaemonThreads.start("bench-metrics", () -> loop(intervalMillis));
    }

    private void loop(long intervalMillis) {
        while (running) {
            try {
                PromText metrics = scrape();
                if (metrics != null) {
                    peakHeapBytes = Math.max(peakHeapBytes, metrics.sum("jvm_memory_used_bytes", Map.of("area", "heap")));
                    scrapes++;
                }
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The current metrics, or null while the service does not answer. */
    public @Nullable PromText scrape() throws InterruptedException {
        try {
            Http.Answer answer = http.get(url);
            return answer.status() == 200 ? PromText.parse(answer.body()) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public double peakHeapBytes() {
        return peakHeapBytes;
    }

    public int scrapes() {
        return scrapes;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
