package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {

    record Parsed(boolean help) implements Command.Parsed {
    }

    final List<String> out = new ArrayList<>();
    final List<String> err = new ArrayList<>();

    @Test
    void aUsageErrorPrintsItsMessageAndTheUsageAndExitsWithTwo() {
        int code = Command.run(() -> {
            throw new UsageException("Unknown argument: --turbo");
        }, "Usage: x", out::add, err::add, (Parsed options) -> 0);

        assertThat(code).isEqualTo(2);
        assertThat(err).containsExactly("Unknown argument: --turbo\n\nUsage: x");
        assertThat(out).isEmpty();
    }

    @Test
    void helpPrintsTheUsageAndRunsNothing() {
        int code = Command.run(() -> new Parsed(true), "Usage: x", out::add, err::add, options -> 1);

        assertThat(code).isZero();
        assertThat(out).containsExactly("Usage: x");
        assertThat(err).isEmpty();
    }

    @Test
    void otherwiseTheCommandRunsAndItsExitCodeIsTheAnswerAndAUsageErrorItFindsCountsAsOne() {
        assertThat(Command.run(() -> new Parsed(false), "Usage: x", out::add, err::add, options -> 1)).isEqualTo(1);
        assertThat(Command.run(() -> new Parsed(false), "Usage: x", out::add, err::add, options -> {
            throw new UsageException("--kafka-config x cannot be read");
        })).isEqualTo(2);
        assertThat(err).containsExactly("--kafka-config x cannot be read\n\nUsage: x");
    }
}
