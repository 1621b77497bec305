package dev.tokenmeter.deploy;

import java.util.Iterator;

/**
 * The commands' flags: {@code --flag value} or {@code --flag=value}, and switches that take no value. A flag used
 * wrongly is a {@link UsageException} naming it.
 */
public final class Flags {

    private Flags() {
    }

    /** The flag of an argument: {@code --flag} of {@code --flag=value}, else the argument itself. */
    public static String flag(String arg) {
        return arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    }

    /** The value after {@code =}, else the next argument ({@code rest} moves past it). */
    public static String value(String arg, String flag, Iterator<String> rest) {
        if (!arg.equals(flag)) {
            return arg.substring(flag.length() + 1);
        }
        if (!rest.hasNext()) {
            throw new UsageException(flag + " needs a value");
        }
        return rest.next();
    }

    /** True, for a switch given as itself; a switch given a value ({@code --fresh=yes}) is refused. */
    public static boolean noValue(String arg, String flag) {
        if (!arg.equals(flag)) {
            throw new UsageException(flag + " takes no value");
        }
        return true;
    }
}
