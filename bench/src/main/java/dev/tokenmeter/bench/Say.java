package dev.tokenmeter.bench;

import dev.tokenmeter.deploy.Console;
import java.util.Locale;

/** Progress lines of the run, each stamped with the time since the run began. */
public final class Say {

    private static final long STARTED = System.nanoTime();

    private Say() {
    }

    public static void step(String text) {
        Console.line(stamp() + text);
    }

    /** A line that must not be overlooked (a mismatch between an answer and its baseline). */
    public static void loud(String text) {
        Console.error(stamp() + "!!! " + text);
    }

    /** Redrawn in place on a terminal, printed as a line elsewhere. */
    public static void progress(String text) {
        Console.progress(stamp() + text);
    }

    private static String stamp() {
        long seconds = (System.nanoTime() - STARTED) / 1_000_000_000L;
        return String.format(Locale.ROOT, "[%02d:%02d] ", seconds / 60, seconds % 60);
    }
}
