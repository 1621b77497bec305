package dev.tokenmeter.deploy.replay;

import dev.tokenmeter.deploy.Console;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The counts of one run, for the progress line and the summary. Thread-safe: acknowledgements arrive
 * on the producer's thread.
 */
final class Tally {

    /** Skipped letters named one by one in the summary; the rest are only counted. */
    static final int LISTED_SKIPS = 20;

    private final boolean dryRun;
    private long scanned;
    private final Map<String, Long> scannedByReason = new TreeMap<>();
    private long selected;
    private long replayed;
    private final Map<Skip, Long> skipped = new EnumMap<>(Skip.class);
    private final List<String> skipLines = new ArrayList<>();

    /** @param dryRun count what would be replayed, and say so */
    Tally(boolean dryRun) {
        this.dryRun = dryRun;
    }

    synchronized void countScanned(Letter letter) {
        scanned++;
        scannedByReason.merge(letter.reason(), 1L, Long::sum);
    }

    synchronized void countSelected() {
        selected++;
    }

    synchronized void countReplayed() {
        replayed++;
    }

    synchronized void countSkipped(Letter letter, Skip why, String detail) {
        skipped.merge(why, 1L, Long::sum);
        if (skipLines.size() < LISTED_SKIPS) {
            skipLines.add(letter.coordinates() + " [" + letter.reason() + "] " + why.code() + ": " + detail);
        }
    }

    synchronized long scanned() {
        return scanned;
    }

    synchronized long selected() {
        return selected;
    }

    synchronized long replayed() {
        return replayed;
    }

    synchronized long skipped(Skip why) {
        return skipped.getOrDefault(why, 0L);
    }

    synchronized long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized Map<String, Long> scannedByReason() {
        return Map.copyOf(scannedByReason);
    }

    /** {@code scanned 1,200 · selected 300 · replayed 290 · skipped 10 (truncated 2, …)}. */
    synchronized String progress() {
        return "scanned " + Console.count(scanned) + " · selected " + Console.count(selected)
                + (dryRun ? " · would replay " : " · replayed ") + Console.count(replayed) + " · skipped " + Console.count(skippedTotal())
                + (skipped.isEmpty() ? "" : " (" + skipCounts() + ")");
    }

    /** @param heading {@code Done}, {@code Dry run} or {@code Stopped} */
    synchronized List<String> summary(String heading) {
        List<String> lines = new ArrayList<>();
        lines.add(heading + ": " + progress());
        if (!scannedByReason.isEmpty()) {
            lines.add("  scanned by reason: " + scannedByReason.entrySet().stream()
                    .map(entry -> entry.getKey() + " " + Console.count(entry.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        if (!skipped.isEmpty()) {
            lines.add("  skipped letters (not replayed; coordinates [reason] why: detail):");
            skipLines.forEach(line -> lines.add("    " + line));
            long unlisted = skippedTotal() - skipLines.size();
            if (unlisted > 0) {
                lines.add("    … and " + Console.count(unlisted) + " more");
            }
            skipped.keySet().forEach(why -> lines.add("  " + why.code() + ": " + why.meaning()));
        }
        return lines;
    }

    private String skipCounts() {
        return skipped.entrySet().stream()
                .map(entry -> entry.getKey().code() + " " + Console.count(entry.getValue()))
                .collect(Collectors.joining(", "));
    }
}
