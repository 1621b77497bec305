package dev.tokenmeter.deploy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The flags a command was given: {@code --flag value} or {@code --flag=value}, and switches that take no value;
 * {@code -h} is {@code --help}. A flag used wrongly, or one the command does not know, is a {@link UsageException}
 * naming it. A flag given twice keeps its last value (every value is still checked), unless the command reads all
 * of them.
 */
public final class Flags {

    private static final String HELP = "--help";

    /** One flag as given, in the order of the arguments; a switch has the value {@code ""}. */
    private record Given(String flag, String value) {
    }

    private final List<Given> given;

    private Flags(List<Given> given) {
        this.given = given;
    }

    /**
     * Reads the arguments of a command whose switches (no value) and valued flags are these.
     *
     * @throws UsageException for an unknown argument, a missing value, or a value given to a switch
     */
    public static Flags read(List<String> args, Set<String> switches, Set<String> valued) {
        List<Given> given = new ArrayList<>();
        Iterator<String> rest = args.iterator();
        while (rest.hasNext()) {
            String arg = rest.next();
            String flag = flag(arg);
            String name = flag.equals("-h") && switches.contains(HELP) ? HELP : flag;
            if (switches.contains(name)) {
                noValue(arg, flag);
                given.add(new Given(name, ""));
            } else if (valued.contains(flag)) {
                given.add(new Given(flag, value(arg, flag, rest)));
            } else {
                throw new UsageException("Unknown argument: " + arg);
            }
        }
        return new Flags(List.copyOf(given));
    }

    /** Whether the switch was given. */
    public boolean has(String flag) {
        return given.stream().anyMatch(g -> g.flag().equals(flag));
    }

    /** The flag's last value read by {@code read} (which checks every value given), or {@code fallback}. */
    public <T> T value(String flag, T fallback, Function<String, T> read) {
        T value = valueOrNull(flag, read);
        return value != null ? value : fallback;
    }

    /** The flag's last value read by {@code read} (which checks every value given), or null when it was not given. */
    public <T> @Nullable T valueOrNull(String flag, Function<String, T> read) {
        List<T> values = values(flag, read);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Every value of a repeatable flag, read by {@code read}, in the order given. */
    public <T> List<T> values(String flag, Function<String, T> read) {
        return values(Set.of(flag), (name, value) -> read.apply(value));
    }

    /** Every value of these flags, read by {@code read} with the flag's name, in the order given (not sorted by flag). */
    public <T> List<T> values(Set<String> flags, BiFunction<String, String, T> read) {
        List<T> values = new ArrayList<>();
        for (Given g : given) {
            if (flags.contains(g.flag())) {
                values.add(read.apply(g.flag(), g.value()));
            }
        }
        return List.copyOf(values);
    }

    /** The flag of an argument: {@code --flag} of {@code --flag=value}, else the argument itself. */
    private static String flag(String arg) {
        return arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    }

    /** The value after {@code =}, else the next argument ({@code rest} moves past it). */
    private static String value(String arg, String flag, Iterator<String> rest) {
        if (!arg.equals(flag)) {
            return arg.substring(flag.length() + 1);
        }
        if (!rest.hasNext()) {
            throw new UsageException(flag + " needs a value");
        }
        return rest.next();
    }

    /** A switch given as itself passes; a switch given a value ({@code --fresh=yes}) is refused. */
    private static void noValue(String arg, String flag) {
        if (!arg.equals(flag)) {
            throw new UsageException(flag + " takes no value");
        }
    }
}
