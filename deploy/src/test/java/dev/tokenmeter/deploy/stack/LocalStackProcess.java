package dev.tokenmeter.deploy.stack;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.deploy.files.DeployFiles;
import dev.tokenmeter.process.Processes;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code deploy/local/start} as a child process (by default {@code --no-demo}): the launcher jar this
 * module built, on free ports, with its own data directory. Stopped like Ctrl-C stops it (SIGTERM: the launcher stops
 * the services, Kafka and PostgreSQL in order), then checked to have left nothing running.
 */
final class LocalStackProcess implements AutoCloseable {

    private static final String READY = "Tokenmeter is ready.";

    private final Process launcher;
    private final Path dataDir;
    private final Path log;
    private final Map<String, Integer> ports;
    private final List<ProcessHandle> seen = new ArrayList<>();

    private LocalStackProcess(Process launcher, Path dataDir, Path log, Map<String, Integer> ports) {
        this.launcher = launcher;
        this.dataDir = dataDir;
        this.log = log;
        this.ports = ports;
    }

    /**
     * Starts the launcher and waits for its ready banner.
     *
     * @param extraEnv more environment for the launcher, which its services inherit
     */
    static LocalStackProcess start(Path workDir, Map<String, String> extraEnv, Duration timeout) throws IOException {
        return start(workDir, extraEnv, timeout, List.of("--no-demo"));
    }

    /**
     * Starts the launcher with the given options (besides {@code --data-dir}) and waits for its ready banner.
     *
     * @param options launcher options, e.g. {@code --demo-rate 0} for the demo history without live traffic
     */
    static LocalStackProcess start(Path workDir, Map<String, String> extraEnv, Duration timeout, List<String> options)
            throws IOException {
        Map<String, Integer> ports = freePorts("TOKENMETER_PG_PORT", "TOKENMETER_KAFKA_PORT", "TOKENMETER_KAFKA_CONTROLLER_PORT",
                "TOKENMETER_INGEST_PORT", "TOKENMETER_QUERY_PORT", "TOKENMETER_INGEST_MANAGEMENT_PORT",
                "TOKENMETER_QUERY_MANAGEMENT_PORT", "TOKENMETER_SMTP_PORT");
        Path dataDir = workDir.resolve("data");
        Path log = workDir.resolve("launcher.log");
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dtokenmeter.repo=" + DeployFiles.repository(),
                "-cp", DeployFiles.classpath(),
                "dev.tokenmeter.deploy.Launcher",
                "--data-dir", dataDir.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.remove("TOKENMETER_OPERATOR_KEY");
        ports.forEach((variable, port) -> env.put(variable, Integer.toString(port)));
        env.putAll(extraEnv);
        LocalStackProcess stack = new LocalStackProcess(builder.start(), dataDir, log, ports);
        stack.awaitReady(timeout);
        return stack;
    }

    int port(String variable) {
        return ports.get(variable);
    }

    /** Every port the stack was given, by its {@code TOKENMETER_*_PORT} variable. */
    Map<String, Integer> ports() {
        return Map.copyOf(ports);
    }

    /** The stack's processes now: the launcher, its descendants (Kafka, the services), and PostgreSQL's postmaster. */
    List<Long> pids() {
        remember();
        List<Long> pids = new ArrayList<>(List.of(launcher.pid()));
        running(seen).forEach(p -> pids.add(p.pid()));
        postgres().ifPresent(p -> pids.add(p.pid()));
        return pids;
    }

    /** The generated keys of the stack ({@code ingest.demo}, {@code viewer.demo}, {@code operator}). */
    Properties keys() {
        Properties keys = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("keys.properties"))) {
            keys.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private void awaitReady(Duration timeout) {
        awaitOutput(READY, timeout);
    }

    /** Waits until the launcher has printed {@code line} (e.g. that the demo history is stored); kills the stack if not. */
    void awaitOutput(String line, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!launcher.isAlive()) {
                    fail("deploy/local/start exited (code " + launcher.exitValue() + ") before printing '" + line + "':\n"
                            + output() + logs());
                }
                remember();
                return output().contains(line);
            });
        } catch (ConditionTimeoutException e) {
            kill();
            fail("deploy/local/start did not print '" + line + "' within " + timeout.toSeconds() + " s:\n" + output() + logs());
        } catch (AssertionError e) {
            kill(); // the launcher stops what it started when it fails; this makes sure
            throw e;
        }
    }

    /** Stops the stack as Ctrl-C would and fails if any of its processes or ports is left. */
    @Override
    public void close() {
        remember();
        launcher.destroy(); // SIGTERM: the launcher's shutdown hook stops every part in order
        boolean stopped = waitFor(launcher.toHandle(), Duration.ofSeconds(150));
        // A part may still be exiting when the launcher is done (the postmaster outlives pg_ctl by a moment).
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> running(seen).isEmpty());
        } catch (ConditionTimeoutException e) {
            // reported below
        }
        List<ProcessHandle> left = running(seen);
        Optional<ProcessHandle> postgres = postgres();
        if (!stopped || !left.isEmpty() || postgres.isPresent()) {
            String what = "launcher stopped: " + stopped + ", children left: " + left.stream().map(ProcessHandle::pid).toList()
                    + ", PostgreSQL left: " + postgres.map(ProcessHandle::pid).orElse(null);
            kill();
            fail("Stopping the local stack left processes behind (" + what + ").\n" + output());
        }
        for (Map.Entry<String, Integer> port : ports.entrySet()) {
            if (listening(port.getValue())) {
                fail("After the stop, something still listens on " + port.getKey() + "=" + port.getValue() + ".\n" + output());
            }
        }
        deleteAllButLogs();
    }

    /** A stopped stack's data (~230 MB: binaries, jar copies, the cluster) goes; its logs stay for reading. */
    private void deleteAllButLogs() {
        Path logs = dataDir.resolve("logs");
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.startsWith(logs) && !path.equals(dataDir)) {
                    Files.delete(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean " + dataDir, e);
        }
    }

    /** Everything, at once: for a failed start or stop, so that no test leaves processes behind. */
    void kill() {
        remember();
        seen.forEach(ProcessHandle::destroyForcibly);
        launcher.destroyForcibly();
        postgres().ifPresent(ProcessHandle::destroyForcibly);
        seen.forEach(p -> waitFor(p, Duration.ofSeconds(10)));
    }

    /** The launcher's children (Kafka, the services) and theirs; PostgreSQL detaches itself, see {@link #postgres()}. */
    private void remember() {
        launcher.toHandle().descendants().filter(p -> !seen.contains(p)).forEach(seen::add);
    }

    /**
     * The processes that still run. An orphan that exited but was not yet reaped (a zombie: in a
     * container, pid 1 may reap late) counts as ended; {@link ProcessHandle#isAlive} would say alive.
     */
    private static List<ProcessHandle> running(List<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).filter(p -> !zombie(p.pid())).toList();
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // pid (comm) state ...: comm may hold spaces and parentheses, the state follows the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The postmaster of this stack's cluster, from its pid file, if it still runs. */
    private Optional<ProcessHandle> postgres() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            try (Stream<String> lines = Files.lines(pidFile)) {
                long pid = Long.parseLong(lines.findFirst().orElse("").trim());
                return ProcessHandle.of(pid).filter(p -> !running(List.of(p)).isEmpty())
                        .filter(p -> p.info().commandLine().map(c -> c.contains(dataDir.toString())).orElse(true));
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    private String logs() {
        return "\nLogs of every part are in " + dataDir.resolve("logs");
    }

    /** Distinct free ports, all held open until every one is chosen. */
    private static Map<String, Integer> freePorts(String... variables) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        Map<String, Integer> ports = new HashMap<>();
        try {
            for (String variable : variables) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports.put(variable, socket.getLocalPort());
            }
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
        return ports;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean waitFor(ProcessHandle process, Duration timeout) {
        return Processes.await(process, timeout) || !process.isAlive();
    }
}
