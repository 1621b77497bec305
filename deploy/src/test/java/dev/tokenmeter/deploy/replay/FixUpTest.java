package dev.tokenmeter.deploy.replay;

import static dev.tokenmeter.deploy.replay.Letters.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class FixUpTest {

    private static FixUp.Outcome apply(List<FixUp.Edit> edits, @Nullable String command, String value) {
        return new FixUp(edits, command, Duration.ofSeconds(5)).apply(bytes(value));
    }

    private static String fixed(FixUp.Outcome outcome) {
        assertThat(outcome).isInstanceOf(FixUp.Fixed.class);
        return new String(((FixUp.Fixed) outcome).value(), StandardCharsets.UTF_8);
    }

    @Test
    void noFixUpLeavesTheValueByteForByte() {
        String value = "{ \"id\" : \"a\",  \"costUsd\": 1.50 }";

        assertThat(fixed(FixUp.NONE.apply(bytes(value)))).isEqualTo(value);
    }

    @Test
    void editsApplyInOrderToTopLevelFieldsAndKeepDecimalsExact() {
        List<FixUp.Edit> edits = List.of(
                new FixUp.SetField("tenant", JsonNodeFactory.instance.stringNode("acme")),
                new FixUp.DropField("costUsd"),
                new FixUp.SetField("latencyMs", JsonNodeFactory.instance.numberNode(120)),
                new FixUp.DropField("absent"));

        String out = fixed(apply(edits, null, "{\"id\":\"a\",\"tenant\":\"ACME\",\"costUsd\":0.000321,\"x\":0.1000000001}"));

        assertThat(out).isEqualTo("{\"id\":\"a\",\"tenant\":\"acme\",\"x\":0.1000000001,\"latencyMs\":120}");
    }

    @Test
    void editsOfAValueThatIsNoJsonObjectSkipIt() {
        List<FixUp.Edit> drop = List.of(new FixUp.DropField("costUsd"));

        assertThat(apply(drop, null, "[1,2]")).isInstanceOfSatisfying(FixUp.Skipped.class,
                skipped -> assertThat(skipped.why()).isEqualTo(Skip.NOT_A_JSON_OBJECT));
        assertThat(apply(drop, null, "{\"id\":")).isInstanceOfSatisfying(FixUp.Skipped.class,
                skipped -> assertThat(skipped.why()).isEqualTo(Skip.NOT_A_JSON_OBJECT));
    }

    @Test
    void theCommandGetsTheEditedValueOnStdinAndItsStdoutWithoutTheTrailingNewlineIsReplayed() {
        List<FixUp.Edit> edits = List.of(new FixUp.SetField("tenant", JsonNodeFactory.instance.stringNode("acme")));

        String out = fixed(apply(edits, "sed 's/gpt-4o/gpt-4o-mini/'", "{\"model\":\"gpt-4o\"}"));

        assertThat(out).isEqualTo("{\"model\":\"gpt-4o-mini\",\"tenant\":\"acme\"}");
    }

    @Test
    void aValueLargerThanAPipeBufferPassesThroughTheCommand() {
        String large = "{\"tags\":{\"pad\":\"" + "x".repeat(300_000) + "\"}}";

        assertThat(fixed(apply(List.of(), "cat", large))).isEqualTo(large);
    }

    @Test
    void aCommandThatPrintsNothingDropsTheLetter() {
        assertThat(apply(List.of(), "cat >/dev/null", "{}")).isInstanceOfSatisfying(FixUp.Skipped.class,
                skipped -> assertThat(skipped.why()).isEqualTo(Skip.FIX_COMMAND_DROPPED));
    }

    @Test
    void aFailingCommandSkipsTheLetterWithItsFirstErrorLine() {
        assertThat(apply(List.of(), "cat >/dev/null; echo 'bad input' >&2; echo more >&2; exit 3", "{}"))
                .isInstanceOfSatisfying(FixUp.Skipped.class, skipped -> {
                    assertThat(skipped.why()).isEqualTo(Skip.FIX_COMMAND_FAILED);
                    assertThat(skipped.detail()).isEqualTo("exit code 3: bad input");
                });
    }

    @Test
    void aCommandThatOutlivesItsTimeoutIsStoppedAndSkipsTheLetter() {
        FixUp slow = new FixUp(List.of(), "sleep 30", Duration.ofMillis(300));

        long start = System.nanoTime();
        FixUp.Outcome outcome = slow.apply(bytes("{}"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome).isInstanceOfSatisfying(FixUp.Skipped.class, skipped -> {
            assertThat(skipped.why()).isEqualTo(Skip.FIX_COMMAND_FAILED);
            assertThat(skipped.detail()).contains("--fix-timeout");
        });
    }
}
