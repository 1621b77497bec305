package dev.tokenmeter.bench.ingest;

import dev.tokenmeter.bench.report.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the ingest service's CPU went, from the execution samples of its flight recording
 * ({@code --profile}): the share of samples of each kind of work (a sample's innermost frame outside the
 * JDK decides), and the methods most often on top.
 *
 * @param samples   execution samples read
 * @param byWork    kind of work → share of samples holding it, largest first
 * @param topFrames method → share of samples with it on top, largest first
 */
record JfrProfile(long samples, Map<String, Double> byWork, Map<String, Double> topFrames) {

    /** Kinds of work, each recognised by a prefix of the class names on a sample's stack. */
    private static final Map<String, List<String>> WORK = kinds();

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        kinds.put("Kafka consumer (fetch, decompress)", List.of("org.apache.kafka.", "reactor.kafka."));
        kinds.put("JSON (Jackson: reading events, writing jsonb columns)", List.of("tools.jackson.", "dev.tokenmeter.event."));
        kinds.put("pricing", List.of("dev.tokenmeter.pricing.", "dev.tokenmeter.ingest.pricing."));
        kinds.put("preparing the batch (rows, keys, rollup deltas)", List.of("dev.tokenmeter.ingest.store.", "dev.tokenmeter.copy."));
        kinds.put("R2DBC PostgreSQL driver (encoding, protocol)", List.of("io.r2dbc."));
        kinds.put("Netty (network I/O)", List.of("io.netty."));
        kinds.put("the ingest pipeline (validation, batching, dead letters)", List.of("dev.tokenmeter.ingest.pipeline.",
                "dev.tokenmeter.ingest.kafka."));
        kinds.put("Reactor (scheduling, operators)", List.of("reactor.core.", "reactor.util."));
        return kinds;
    }

    /** The samples of a recording taken at {@code from} or later (the backlog's ingest, not the start-up). */
    static JfrProfile read(Path recording, Instant from) throws IOException {
        long samples = 0;
        Map<String, Long> work = new LinkedHashMap<>();
        Map<String, Long> top = new TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            // Threads running Java code; jdk.NativeMethodSample would add threads waiting in epoll.
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            if (event.getStartTime().isBefore(from)) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            top.merge(method(frames.get(0)), 1L, Long::sum);
            work.merge(work(frames), 1L, Long::sum);
        }
        return new JfrProfile(samples, shares(work, samples, 10), shares(top, samples, 12));
    }

    /**
     * The kind of work of the innermost frame outside the JDK: a JDK method (a copy, a hash map look-up)
     * counts for the code that called it.
     */
    private static String work(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = frame.getMethod().getType().getName();
            if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")) {
                continue;
            }
            for (Map.Entry<String, List<String>> kind : WORK.entrySet()) {
                if (kind.getValue().stream().anyMatch(name::startsWith)) {
                    return kind.getKey();
                }
            }
            String[] parts = name.split("\\.");
            return String.join(".", List.of(parts).subList(0, Math.min(3, parts.length - 1))) + " (other)";
        }
        return "the JDK alone";
    }

    private static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, Double> shares(Map<String, Long> counts, long total, int most) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(most)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> total == 0 ? 0 : (double) e.getValue() / total, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** One sentence for the report. */
    String describe() {
        return String.format(Locale.ROOT,
                "Where the ingest service's CPU went while it ingested (JFR, %s execution samples, each counted for the innermost code "
                        + "outside the JDK on its stack): %s. "
                        + "Methods most often on top: %s.",
                Format.count(samples), join(byWork), join(topFrames));
    }

    private static String join(Map<String, Double> shares) {
        return shares.entrySet().stream().map(e -> e.getKey() + " " + Format.percent(e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
