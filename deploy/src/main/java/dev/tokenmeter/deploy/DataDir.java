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
 * The directory holding all local state. One launcher at a time owns it (a file lock, held until the
 * JVM exits). It carries a marker file, so that {@code --fresh} never deletes a directory the
 * launcher did not create.
 */
public final class DataDir implements AutoCloseable {

    private static final String MARKER = ".tokenmeter-data";
    private static final String LOCK = ".lock";

    private final Path root;
    private final FileLock lock;

    private DataDir(Path root, FileLock lock) {
        this.root = root;
        this.lock = lock;
    }

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
            return new DataDir(root, lock);
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

    public Path root() {
        return root;
    }

    /** PostgreSQL's data directory (the cluster). */
    Path postgres() {
        return root.resolve("postgres");
    }

    /** Where zonky unpacks the PostgreSQL binaries; a sibling of the cluster, never its parent (zonky cleans it). */
    Path postgresRuntime() {
        return root.resolve("postgres-runtime");
    }

    /** The broker's log directory (its {@code log.dirs}). */
    Path kafka() {
        return root.resolve("kafka");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Generated configuration files: server.properties, Log4j configurations. */
    Path conf() {
        return root.resolve("conf");
    }

    /** Pid files of child processes. */
    Path run() {
        return root.resolve("run");
    }

    /** The demo's memory: whether and when the history was published. */
    Path demo() {
        return root.resolve("demo");
    }

    Path keys() {
        return root.resolve("keys.properties");
    }
}
