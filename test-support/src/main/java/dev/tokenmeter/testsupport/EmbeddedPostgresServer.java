package dev.tokenmeter.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL 18 run from the binaries in a Maven jar (zonky), for machines without Docker.
 *
 * <p>Everything lives under {@code target/embedded-pg} of the module whose tests run, never in /tmp:
 * {@code mvn clean} removes it, and parallel builds of different modules do not share files.
 */
final class EmbeddedPostgresServer implements PostgresServer {

    private static final Path ROOT = Path.of("target", "embedded-pg").toAbsolutePath();
    // Zonky's initdb creates this superuser with "trust" authentication: any password is accepted.
    private static final String USER = "postgres";

    // One data directory per JVM, so concurrently forked test JVMs of one module do not collide,
    // and a fixed one within the JVM, so stop() and start() keep the data.
    private final Path dataDirectory = ROOT.resolve("data-" + ProcessHandle.current().pid());
    private final int port;
    private @Nullable EmbeddedPostgres postgres;

    EmbeddedPostgresServer() {
        // Zonky scans (and cleans stale directories in) this "parent directory" even when we name the
        // data directory ourselves; without the property it would be /tmp/embedded-pg.
        if (System.getProperty("ot.epg.working-dir") == null) {
            System.setProperty("ot.epg.working-dir", ROOT.toString());
        }
        deleteRecursively(dataDirectory);
        postgres = launch(0);
        port = postgres.getPort();
    }

    private EmbeddedPostgres launch(int requestedPort) {
        try {
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(ROOT.toFile()) // where the binaries are unpacked
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false) // keep the data across stop() and start()
                    .setRegisterShutdownHook(false) // Infrastructure closes us at JVM exit
                    .setPort(requestedPort) // 0 lets zonky pick a free port
                    // Several Spring contexts, each with its own pools, share this one server.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off") // test data need not survive a power cut
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return USER;
    }

    @Override
    public String password() {
        return USER;
    }

    /**
     * Stops the postmaster with {@code pg_ctl stop -m fast}: open sessions are terminated, and new
     * connection attempts are refused because nothing listens on the port any more.
     */
    @Override
    public synchronized void stop() {
        EmbeddedPostgres running = postgres;
        postgres = null;
        if (running != null) {
            shutDown(running);
        }
    }

    @Override
    public synchronized void start() {
        if (postgres == null) {
            postgres = launch(port);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        deleteRecursively(dataDirectory);
    }

    private static void shutDown(EmbeddedPostgres running) {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop embedded PostgreSQL", e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
