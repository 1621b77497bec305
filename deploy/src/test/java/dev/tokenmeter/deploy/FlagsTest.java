package dev.tokenmeter.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class FlagsTest {

    static Flags read(String... args) {
        return Flags.read(List.of(args), Set.of("--dry-run", "--help"), Set.of("--topic", "--set", "--drop", "--rate"));
    }

    @Test
    void aFlagGivenTwiceKeepsItsLastValueButEveryValueIsChecked() {
        assertThat(read("--topic", "a", "--topic=b").value("--topic", "default", Function.identity())).isEqualTo("b");
        assertThat(read().value("--topic", "default", Function.identity())).isEqualTo("default");
        assertThat(read().valueOrNull("--topic", Function.identity())).isNull();

        List<String> checked = new ArrayList<>();
        read("--rate", "1", "--rate", "2").value("--rate", 0, value -> {
            checked.add(value);
            return Integer.parseInt(value);
        });
        assertThat(checked).containsExactly("1", "2");
    }

    @Test
    void repeatableFlagsKeepTheOrderTheyWereGivenInAcrossTheirNames() {
        Flags flags = read("--set", "a=1", "--drop", "b", "--topic", "t", "--set=c=2");

        assertThat(flags.values(Set.of("--set", "--drop"), (flag, value) -> flag + " " + value))
                .containsExactly("--set a=1", "--drop b", "--set c=2");
        assertThat(flags.values("--set", Function.identity())).containsExactly("a=1", "c=2");
    }

    @Test
    void switchesTakeNoValueAndDashHIsHelp() {
        assertThat(read("--dry-run").has("--dry-run")).isTrue();
        assertThat(read("-h").has("--help")).isTrue();
        assertThat(read().has("--dry-run")).isFalse();
        assertThatThrownBy(() -> read("--dry-run=yes")).isInstanceOf(UsageException.class).hasMessage("--dry-run takes no value");
    }

    @Test
    void anUnknownArgumentOrAMissingValueIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> read("--turbo")).isInstanceOf(UsageException.class).hasMessage("Unknown argument: --turbo");
        assertThatThrownBy(() -> read("-x")).isInstanceOf(UsageException.class).hasMessage("Unknown argument: -x");
        assertThatThrownBy(() -> read("--topic")).isInstanceOf(UsageException.class).hasMessage("--topic needs a value");
    }
}
