package dev.tokenmeter.query.web;

import dev.tokenmeter.wire.WireNames;
import java.util.function.Function;

/** A request parameter that cannot be honoured: answered 400, naming the parameter. */
public class BadParameter extends RuntimeException {

    private final String parameter;

    public BadParameter(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    /**
     * The constant of an allow-list enum that {@code value} spells; else a BadParameter naming {@code parameter} and
     * every accepted spelling ({@code 'x' is not one of a, b}).
     */
    public static <E extends Enum<E>> E oneOf(String parameter, E[] values, Function<? super E, String> spelling,
            String value) {
        return WireNames.find(values, spelling, value)
                .orElseThrow(() -> new BadParameter(parameter,
                        "'" + value + "' is not one of " + WireNames.list(values, spelling)));
    }
}
