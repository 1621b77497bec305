package dev.tokenmeter.deploy;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * What the module's commands ({@code deploy/local/start}, {@code deploy/price-import}, {@code deploy/dlq-replay})
 * do alike with their flags: a usage error prints its message and the usage and answers exit code 2, {@code --help}
 * prints the usage and answers 0, anything else is the command's own run and exit code.
 */
public final class Command {

    /** A command's parsed flags, {@code --help} among them. */
    public interface Parsed {

        /** Whether {@code --help} (or {@code -h}) was given. */
        boolean help();
    }

    private Command() {
    }

    /**
     * Parses the flags with {@code parse} and runs {@code command} with them. A {@link UsageException} of either
     * (e.g. an unreadable file a flag names) counts as a usage error.
     */
    public static <O extends Parsed> int run(Supplier<O> parse, String usage, Consumer<String> out, Consumer<String> err,
            ToIntFunction<O> command) {
        try {
            O options = parse.get();
            if (options.help()) {
                out.accept(usage);
                return 0;
            }
            return command.applyAsInt(options);
        } catch (UsageException e) {
            err.accept(e.getMessage() + "\n\n" + usage);
            return 2;
        }
    }
}
