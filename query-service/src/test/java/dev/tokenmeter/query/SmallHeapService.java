package dev.tokenmeter.query;

import dev.tokenmeter.process.Processes;
import dev.tokenmeter.testsupport.Infrastructure;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query service in a JVM of its own with {@code -Xmx256m} that exits on OutOfMemoryError, its
 * collections logged to {@code gcLog}, its output to {@code log}: what a heap test reads to know what the
 * service really kept live.
 */
public record SmallHeapService(Process process, Path log, Path gcLog) implements AutoCloseable {

    private static final Pattern GC_PAUSE = Pattern.compile("Pause (?:Young|Full).* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** Heap occupancy over the collecting pauses of a phase, in MB; what survives a collection is the live set. */
    public record Heap(int pauses, int maxBeforeMb, int firstAfterMb, int maxAfterMb, int lastAfterMb, int capacityMb) {
    }

    /**
     * Starts the service on the port, on the database, with these arguments besides; its output goes to
     * {@code target/<name>-service.log} and its GC log to {@code target/<name>-gc.log}.
     */
    public static SmallHeapService start(String name, Infrastructure infra, String database, int port, List<String> arguments)
            throws IOException {
        Path log = Path.of("target", name + "-service.log").toAbsolutePath();
        Path gcLog = Path.of("target", name + "-gc.log").toAbsolutePath();
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")) // the service alone, not the tests' beans
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Xlog:gc:file=" + gcLog,
                "-cp", classpath,
                QueryApplication.class.getName(),
                "--server.port=" + port));
        command.addAll(arguments);
        command.addAll(infra.springArguments(database));
        Files.deleteIfExists(gcLog);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new SmallHeapService(process, log, gcLog);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** How long the GC log is now: taken before a phase, given to {@link #heapSince} after it. */
    public int gcLogLines() throws IOException {
        return Files.readAllLines(gcLog).size();
    }

    /**
     * Heap occupancy before and after each collecting pause logged after {@code skip} lines (G1:
     * "Pause Young ... 120M->31M(256M)"). Remark and cleanup pauses of concurrent marking collect
     * nothing and are left out.
     */
    public Heap heapSince(int skip) throws IOException {
        List<String> lines = Files.readAllLines(gcLog);
        int pauses = 0, maxBefore = 0, firstAfter = -1, maxAfter = 0, lastAfter = 0, capacity = 0;
        for (String line : lines.subList(skip, lines.size())) {
            Matcher pause = GC_PAUSE.matcher(line);
            if (pause.find()) {
                int before = Integer.parseInt(pause.group(1));
                int after = Integer.parseInt(pause.group(2));
                pauses++;
                maxBefore = Math.max(maxBefore, before);
                firstAfter = firstAfter < 0 ? after : firstAfter;
                maxAfter = Math.max(maxAfter, after);
                lastAfter = after;
                capacity = Math.max(capacity, Integer.parseInt(pause.group(3)));
            }
        }
        return new Heap(pauses, maxBefore, firstAfter, maxAfter, lastAfter, capacity);
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
