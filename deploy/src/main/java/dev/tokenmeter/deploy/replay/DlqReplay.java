package dev.tokenmeter.deploy.replay;

import dev.tokenmeter.deploy.Command;
import dev.tokenmeter.deploy.Console;
import dev.tokenmeter.deploy.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * {@code deploy/dlq-replay}: re-publishes dead letters to the usage topic. Exit code 0 when every
 * selected letter was replayed or skipped (the summary lists skips), 1 when Kafka failed, 2 for bad
 * flags. See {@link ReplayOptions#USAGE}.
 */
public final class DlqReplay {

    private DlqReplay() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv()));
    }

    /** Runs the command with these arguments and environment and answers its exit code (for callers in the same JVM). */
    public static int run(List<String> args, Map<String, String> env) {
        return Command.run(() -> ReplayOptions.parse(args, env), ReplayOptions.USAGE, Console::line, Console::error,
                DlqReplay::replay);
    }

    /** Replays as the options say; an unreadable {@code --kafka-config} is a usage error. */
    private static int replay(ReplayOptions options) {
        Replay replay = new Replay(options, load(options.kafkaConfig()));
        try {
            replay.run();
            replay.tally().summary(options.dryRun() ? "Dry run" : "Done").forEach(Console::line);
            return 0;
        } catch (ReplayFailure e) {
            if (replay.tally().scanned() > 0) {
                replay.tally().summary("Stopped").forEach(Console::error);
            }
            Console.error("\n" + e.getMessage());
            return 1;
        }
    }

    private static Properties load(@Nullable Path file) {
        Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("--kafka-config " + file + " cannot be read: " + e);
        }
        return properties;
    }
}
