package dev.tokenmeter.deploy;

import java.util.List;
import java.util.Map;

/**
 * The services of the local stack, in start order (they stop in reverse order): the ingest
 * service, then the query service, which also serves the web UI. A new service joins {@link #all}
 * here and {@code MODULES} and {@code JARS} in {@code deploy/local/build.sh}.
 *
 * <p>Each binds its API port to the {@code --listen} address (loopback by default) and its management
 * port (actuator: health, metrics that name tenants) to loopback always.
 */
final class Services {

    /** The usage event topic; the ingest service creates it (and its dead-letter topic) when missing. */
    static final String TOPIC = "usage-events";
    /** The ingest service's consumer group: its committed offsets tell the demo what is stored. */
    static final String CONSUMER_GROUP = "tokenmeter-ingest";

    private Services() {
    }

    static List<BootService> all(Ports ports, String listen, LocalPostgres postgres, LocalKafka kafka, Keys keys, int smtpPort) {
        return List.of(ingest(ports, listen, postgres, kafka, keys), query(ports, listen, postgres, keys, smtpPort));
    }

    /**
     * The query service sends alert emails through the launcher's SMTP server on loopback, which the
     * outbound guard refuses unless allow-listed: 127.0.0.1 is added to the allow-list (the local stack
     * is a developer's machine), and alert emails link to this stack's dashboard.
     */
    static BootService query(Ports ports, String listen, LocalPostgres postgres, Keys keys, int smtpPort) {
        Map<String, String> env = new java.util.HashMap<>(database(postgres, LocalPostgres.QUERY_USER));
        env.putAll(addresses(listen));
        env.put("TOKENMETER_QUERY_PORT", Integer.toString(ports.query()));
        env.put("TOKENMETER_QUERY_MANAGEMENT_PORT", Integer.toString(ports.queryManagement()));
        env.put("TOKENMETER_OPERATOR_KEY", keys.operator());
        env.putAll(LocalMail.environment(smtpPort));
        String allow = System.getenv("TOKENMETER_OUTBOUND_ALLOW");
        env.put("TOKENMETER_OUTBOUND_ALLOW", allow == null || allow.isBlank() ? Options.LOOPBACK : allow + "," + Options.LOOPBACK);
        env.put("TOKENMETER_PUBLIC_URL", "http://" + ReadyBanner.host(listen) + ":" + ports.query());
        return new BootService("query", "Query service and dashboard", "query-service", ports.query(), ports.queryManagement(),
                Map.copyOf(env), "512m");
    }

    static BootService ingest(Ports ports, String listen, LocalPostgres postgres, LocalKafka kafka, Keys keys) {
        Map<String, String> env = new java.util.HashMap<>(database(postgres, LocalPostgres.INGEST_USER));
        env.putAll(addresses(listen));
        env.put("TOKENMETER_KAFKA_BOOTSTRAP", kafka.bootstrap());
        env.put("TOKENMETER_KAFKA_TOPIC", TOPIC);
        env.put("TOKENMETER_KAFKA_CONSUMERGROUP", CONSUMER_GROUP);
        env.put("TOKENMETER_INGEST_PORT", Integer.toString(ports.ingest()));
        env.put("TOKENMETER_INGEST_MANAGEMENT_PORT", Integer.toString(ports.ingestManagement()));
        env.put("TOKENMETER_INGEST_KEYS", Keys.DEMO_TENANT + ":" + keys.demoIngest());
        return new BootService("ingest", "Ingest service", "ingest-service", ports.ingest(), ports.ingestManagement(),
                Map.copyOf(env), "512m");
    }

    /** Spring Boot's {@code server.address} and {@code management.server.address}, as environment variables. */
    static Map<String, String> addresses(String listen) {
        return Map.of("SERVER_ADDRESS", listen, "MANAGEMENT_SERVER_ADDRESS", Options.LOOPBACK);
    }

    /**
     * The database settings every service reads: the service's own login (no DDL rights) for its data, the
     * superuser for the Flyway migrations it runs at start-up.
     */
    static Map<String, String> database(LocalPostgres postgres, String user) {
        return Map.of(
                "TOKENMETER_R2DBC_URL", postgres.r2dbcUrl(),
                "TOKENMETER_JDBC_URL", postgres.jdbcUrl(),
                "TOKENMETER_DB_USER", user,
                "TOKENMETER_DB_PASSWORD", LocalPostgres.SERVICE_PASSWORD,
                "TOKENMETER_DB_OWNER_USER", LocalPostgres.USER,
                "TOKENMETER_DB_OWNER_PASSWORD", LocalPostgres.PASSWORD);
    }
}
