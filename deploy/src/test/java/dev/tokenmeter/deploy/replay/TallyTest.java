package dev.tokenmeter.deploy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void theSummaryCountsByReasonAndListsTheFirstSkippedLettersWithWhatTheyMean() {
        Tally tally = new Tally(false);
        for (int offset = 0; offset < 25; offset++) {
            Letter letter = Letters.letter(offset, Instant.EPOCH, null, "{}",
                    Letters.headers(offset < 22 ? "too_large" : "too_old", offset));
            tally.countScanned(letter);
            tally.countSelected();
            if (offset < 22) {
                tally.countSkipped(letter, Skip.TRUNCATED, "originally 70000 bytes");
            } else {
                tally.countReplayed();
            }
        }

        assertThat(tally.summary("Done")).startsWith(
                "Done: scanned 25 · selected 25 · replayed 3 · skipped 22 (truncated 22)",
                "  scanned by reason: too_large 22, too_old 3",
                "  skipped letters (not replayed; coordinates [reason] why: detail):",
                "    usage-events.dlq-0@0 [too_large] truncated: originally 70000 bytes");
        assertThat(tally.summary("Done")).endsWith(
                "    usage-events.dlq-0@19 [too_large] truncated: originally 70000 bytes",
                "    … and 2 more",
                "  truncated: the value was cut to 1 KiB when dead-lettered; republish the event from its source");
    }

    @Test
    void aDryRunSaysWhatItWouldReplay() {
        Tally tally = new Tally(true);
        tally.countReplayed();

        assertThat(tally.progress()).isEqualTo("scanned 0 · selected 0 · would replay 1 · skipped 0");
    }
}
