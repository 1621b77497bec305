package dev.tokenmeter.wire;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Looks enum constants up by their spelling on the wire (an API parameter, a JSON value, a database code), so each
 * allow-list enum names its spelling once and does not repeat the search loop and the "one of" message.
 */
public final class WireNames {

    private WireNames() {
    }

    /** The constant among {@code values} whose {@code spelling} is {@code value} (case-sensitive); empty for null. */
    public static <E extends Enum<E>> Optional<E> find(E[] values, Function<? super E, String> spelling,
            @Nullable String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (E constant : values) {
            if (spelling.apply(constant).equals(value)) {
                return Optional.of(constant);
            }
        }
        return Optional.empty();
    }

    /** Every spelling in declaration order, joined with {@code ", "}: for the message that refuses another value. */
    public static <E extends Enum<E>> String list(E[] values, Function<? super E, String> spelling) {
        return Arrays.stream(values).map(spelling).collect(Collectors.joining(", "));
    }
}
