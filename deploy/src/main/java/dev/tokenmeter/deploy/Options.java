package dev.tokenmeter.deploy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What {@code deploy/local/start} was asked to do.
 *
 * @param dataDir        everything the stack keeps between runs (databases, broker logs, keys, logs)
 * @param fresh          wipe {@code dataDir} before starting
 * @param demo           publish demo traffic (a backfill on first start, then live events)
 * @param demoRate       live demo events per second; 0 publishes the backfill only
 * @param backfillEvents events in the 30-day demo history
 * @param operatorKey    {@code TOKENMETER_OPERATOR_KEY}, or null to use a generated one
 * @param listen         the IP address the two services' API ports bind to ({@code 127.0.0.1} unless
 *                       {@code --listen} says otherwise); their management ports, PostgreSQL and Kafka
 *                       stay on loopback whatever it says
 * @param help           print the usage and exit
 */
record Options(Path dataDir, boolean fresh, boolean demo, int demoRate, int backfillEvents,
        Ports ports, @Nullable String operatorKey, String listen, boolean help) implements Command.Parsed {

    static final int DEFAULT_DEMO_RATE = 20;
    static final int DEFAULT_BACKFILL_EVENTS = 150_000;
    /** Where everything of the local stack listens unless {@code --listen} moves the API ports. */
    static final String LOOPBACK = "127.0.0.1";

    static final String USAGE = """
            Usage: deploy/local/start [--data-dir DIR] [--fresh] [--no-demo] [--demo-rate N] [--backfill-events N]
                                      [--listen ADDRESS]

            Runs Tokenmeter on this machine: PostgreSQL, a Kafka broker and the ingest service, with demo traffic.
              --data-dir DIR        where all state lives (default: <repo>/data/local)
              --fresh               delete the data directory first (all stored events, keys and logs)
              --no-demo             publish no demo traffic
              --demo-rate N         live demo events per second (default 20; 0 = history only)
              --backfill-events N   events in the 30-day demo history, published on first start (default 150000)
              --listen ADDRESS      IP address for the query API/dashboard and ingest API ports (default 127.0.0.1;
                                    0.0.0.0 or :: for every interface); management ports, PostgreSQL and Kafka
                                    stay on localhost

            Environment: TOKENMETER_PG_PORT (15432), TOKENMETER_KAFKA_PORT (19092),
              TOKENMETER_KAFKA_CONTROLLER_PORT (Kafka port + 1), TOKENMETER_INGEST_PORT (8081),
              TOKENMETER_QUERY_PORT (8080), TOKENMETER_INGEST_MANAGEMENT_PORT (9081),
              TOKENMETER_QUERY_MANAGEMENT_PORT (9080), TOKENMETER_OPERATOR_KEY (generated when unset).""";

    /**
     * Parses the flags.
     *
     * @param workingDir resolves a relative {@code --data-dir}
     * @param repo       the repository root, home of the default data directory
     * @throws UsageException naming the flag or variable that is wrong
     */
    static Options parse(List<String> args, Map<String, String> env, Path workingDir, Path repo) {
        Flags flags = Flags.read(args, Set.of("--fresh", "--no-demo", "--help"),
                Set.of("--data-dir", "--demo-rate", "--backfill-events", "--listen"));
        Path dataDir = flags.value("--data-dir", repo.resolve("data").resolve("local"), workingDir::resolve);
        String operatorKey = env.get("TOKENMETER_OPERATOR_KEY");
        return new Options(dataDir.normalize(),
                flags.has("--fresh"),
                !flags.has("--no-demo"),
                flags.value("--demo-rate", DEFAULT_DEMO_RATE, value -> number(value, "--demo-rate", 0, 100_000)),
                flags.value("--backfill-events", DEFAULT_BACKFILL_EVENTS, value -> number(value, "--backfill-events", 0, 10_000_000)),
                Ports.fromEnvironment(env),
                operatorKey == null || operatorKey.isBlank() ? null : operatorKey.trim(),
                flags.value("--listen", LOOPBACK, value -> ipAddress(value, "--listen")),
                flags.has("--help"));
    }

    /**
     * An IPv4 or IPv6 literal (brackets allowed), in its canonical form. Host names are refused: the
     * address is what the sockets bind to, and resolving a name here would make that depend on DNS.
     */
    static String ipAddress(String value, String flag) {
        String literal = value.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(literal.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean ipv6 = literal.contains(":") && literal.matches("[0-9A-Fa-f:.]+");
        if (ipv4 || ipv6) {
            try {
                // A literal is parsed, never looked up.
                return InetAddress.getByName(literal).getHostAddress();
            } catch (UnknownHostException e) {
                // reported below
            }
        }
        throw new UsageException(flag + " needs an IP address such as 127.0.0.1, 0.0.0.0, ::1 or ::, got '" + value + "'.");
    }

    private static int number(String value, String flag, int min, int max) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a whole number from " + min + " to " + max + ", got '" + value + "'.");
    }
}
