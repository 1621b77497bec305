package dev.tokenmeter.deploy.replay;

import static dev.tokenmeter.deploy.replay.Letters.event;
import static dev.tokenmeter.deploy.replay.Letters.headers;
import static dev.tokenmeter.deploy.replay.Letters.letter;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class SelectionTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void noFilterSelectsEveryLetter() {
        assertThat(Selection.ALL.test(letter(0, T, null, "not json", headers("malformed_json", 1)))).isTrue();
        assertThat(Selection.ALL.test(letter(1, T, null, null, new RecordHeaders()))).isTrue();
    }

    @Test
    void reasonsAreAlternatives() {
        Selection selection = new Selection(Set.of("too_old", "in_future"), Set.of(), null, null);

        assertThat(selection.test(letter(0, T, "acme", event("a", "acme"), headers("too_old", 1)))).isTrue();
        assertThat(selection.test(letter(1, T, "acme", event("b", "acme"), headers("in_future", 2)))).isTrue();
        assertThat(selection.test(letter(2, T, "acme", event("c", "acme"), headers("schema_violation", 3)))).isFalse();
        assertThat(selection.test(letter(3, T, "acme", event("d", "acme"), new RecordHeaders()))).isFalse();
    }

    @Test
    void tenantComesFromTheValueOrTheCloudEventSubjectNotFromTheKey() {
        Selection acme = new Selection(Set.of(), Set.of("acme"), null, null);

        assertThat(acme.test(letter(0, T, "other", event("a", "acme"), headers("too_old", 1)))).isTrue();
        assertThat(acme.test(letter(1, T, "acme", event("b", "globex"), headers("too_old", 2)))).isFalse();
        assertThat(acme.test(letter(2, T, null, Letters.cloudEvent("c", "acme"), headers("too_old", 3)))).isTrue();
        assertThat(acme.test(letter(3, T, "acme", "{\"tenant\":", headers("malformed_json", 4)))).isFalse();
        assertThat(acme.test(letter(4, T, "acme", null, headers("malformed_json", 5)))).isFalse();
    }

    @Test
    void aTruncatedLetterIsSelectedWhateverTheTenantFilterSoThatItIsReported() {
        Selection globex = new Selection(Set.of(), Set.of("globex"), null, null);
        Letter truncated = new Letter(Letters.DLQ, 0, 7, T, null, Letters.truncatedValue("acme"),
                Letters.truncatedHeaders("too_large", 70_200));

        assertThat(globex.test(truncated)).isTrue();
    }

    @Test
    void sinceIsInclusiveAndUntilExclusiveOnTheLetterTimestamp() {
        Selection window = new Selection(Set.of(), Set.of(), T, T.plusSeconds(60));

        assertThat(window.test(letter(0, T.minusMillis(1), null, "{}", new RecordHeaders()))).isFalse();
        assertThat(window.test(letter(1, T, null, "{}", new RecordHeaders()))).isTrue();
        assertThat(window.test(letter(2, T.plusSeconds(59), null, "{}", new RecordHeaders()))).isTrue();
        assertThat(window.test(letter(3, T.plusSeconds(60), null, "{}", new RecordHeaders()))).isFalse();
    }
}
