package dev.tokenmeter.deploy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The end of a log file, for error messages. Reads at most the last 64 KiB. */
final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;
    private static final int MAX_WIDTH = 240;

    private LogTail() {
    }

    static String of(Path log, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            file.seek(length - size);
            file.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "Last lines of " + log + ":\n" + last.stream()
                    .map(line -> "  | " + (line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) + " ..." : line))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(no log at " + log + ": " + e.getMessage() + ")";
        }
    }
}
