package dev.tokenmeter.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The directory holding all local state, and where each part of it lives. One launcher at a time owns it (a file
 * lock, held until the JVM exits). It carries a marker file, so that {@code --fresh} never deletes a directory the
 * launcher did not create.
 *
 * @param root            the directory itself
 * @param postgres        PostgreSQL's data directory (the cluster)
 * @param postgresRuntime where zonky unpacks the PostgreSQL binaries; a sibling of the cluster, never its parent
 *                        (zonky cleans it)
 * @param kafka           the broker's log directory (its {@code log.dirs})
 * @param logs            the log files of the launcher and of every part it starts
 * @param conf            generated configuration files: server.properties, Log4j configurations
 * @param run             pid files of child processes
 * @param demo            the demo's memory: whether and when the history was published
 * @param keys            the keys file ({@code keys.properties})
 * @param lock            held while this launcher owns the directory
 */
public record DataDir(Path root, Path postgres, Path postgresRuntime, Path kafka, Path logs, Path conf, Path run,
        Path demo, Path keys, FileLock lock) implements AutoCloseable {

    private static final String MARKER = ".tokenmeter-data";
    private static final String LOCK = ".lock";

    /** Creates (or, with {@code fresh}, empties) and locks the directory. */
    public static DataDir open(Path root, boolean fresh) throws StartupException {
        try {
            Files.createDirectories(root);
            boolean ours = Files.exists(root.resolve(MARKER));
            if (!ours && !isEmpty(root)) {
                throw new StartupException(root + " is not empty and is not a Tokenmeter data directory (it has no "
                        + MARKER + " file). Choose another one with --data-dir.");
            }
            FileLock lock = lock(root.resolve(LOCK));
            if (lock == null) {
                throw new StartupException("Another deploy/local/start is already running with the data directory " + root
                        + ". Stop it first (Ctrl-C in its terminal), or use another --data-dir and other ports.");
            }
            if (fresh) {
                wipe(root);
                Console.line("Deleted the old data in " + root + " (--fresh)");
            }
            Files.writeString(root.resolve(MARKER), "Tokenmeter local data; deploy/local/start --fresh deletes it.\n");
            return new DataDir(root, root.resolve("postgres"), root.resolve("postgres-runtime"), root.resolve("kafka"),
                    root.resolve("logs"), root.resolve("conf"), root.resolve("run"), root.resolve("demo"),
                    root.resolve("keys.properties"), lock);
        } catch (IOException e) {
            throw new StartupException("Cannot use the data directory " + root + ": " + e, e);
        }
    }

    private static @Nullable FileLock lock(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (OverlappingFileLockException e) { // held by this very JVM
            channel.close();
            return null;
        }
    }

    /** Frees the directory for another launcher; a running launcher never calls this, its exit does the same. */
    @Override
    public void close() throws IOException {
        lock.channel().close();
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void wipe(Path root) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path path : entries.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(root) && !path.equals(root.resolve(LOCK))) {
                    Files.delete(path);
                }
            }
        }
    }
}
