package dev.tokenmeter.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What the person who ran {@code deploy/local/start} reads. Libraries log to files under the data
 * directory; only these lines reach the terminal. One progress line may be updated in place (on a
 * terminal), and is cleared before any other line is printed.
 */
public final class Console {

    private static final PrintStream OUT = System.out;
    private static final boolean TERMINAL = System.console() != null;
    private static boolean progressShown;

    private Console() {
    }

    public static synchronized void line(String text) {
        clearProgress();
        OUT.println(text);
        OUT.flush();
    }

    public static synchronized void error(String text) {
        clearProgress();
        System.err.println(text);
        System.err.flush();
    }

    /** Whether progress lines are redrawn in place; otherwise callers print them now and then. */
    public static boolean terminal() {
        return TERMINAL;
    }

    /** Redraws the progress line on a terminal; elsewhere prints it as an ordinary line. */
    public static synchronized void progress(String text) {
        if (TERMINAL) {
            OUT.print("\r" + text + "\033[K");
            OUT.flush();
            progressShown = true;
        } else {
            line(text);
        }
    }

    private static void clearProgress() {
        if (progressShown) {
            OUT.print("\r\033[K");
            progressShown = false;
        }
    }

    /** {@code 2.1 s}: how long a step took. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** {@code 45 s}, {@code 3 min}: a rough time left. */
    public static String eta(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 90 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
    }

    /** {@code 150,000}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
