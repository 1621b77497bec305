package dev.tokenmeter.deploy;

import java.util.Map;

/**
 * The TCP ports of the local stack, all on localhost.
 *
 * @param kafkaController the broker's KRaft controller listener; nothing but the broker talks to it
 * @param query           the query API and web UI, reserved for the query service
 */
public record Ports(int postgres, int kafka, int kafkaController, int ingest, int query) {

    static final int DEFAULT_POSTGRES = 15432;
    static final int DEFAULT_KAFKA = 19092;
    static final int DEFAULT_INGEST = 8081;
    static final int DEFAULT_QUERY = 8080;

    /** Reads {@code TOKENMETER_*_PORT} variables; the controller port defaults to the Kafka port + 1. */
    static Ports fromEnvironment(Map<String, String> env) {
        int kafka = port(env, "TOKENMETER_KAFKA_PORT", DEFAULT_KAFKA);
        Ports ports = new Ports(
                port(env, "TOKENMETER_PG_PORT", DEFAULT_POSTGRES),
                kafka,
                port(env, "TOKENMETER_KAFKA_CONTROLLER_PORT", kafka + 1),
                port(env, "TOKENMETER_INGEST_PORT", DEFAULT_INGEST),
                port(env, "TOKENMETER_QUERY_PORT", DEFAULT_QUERY));
        long distinct = java.util.stream.IntStream
                .of(ports.postgres, ports.kafka, ports.kafkaController, ports.ingest, ports.query)
                .distinct().count();
        if (distinct < 5) {
            throw new UsageException("Two components would share a port: " + ports
                    + ". Give each its own with the TOKENMETER_*_PORT variables.");
        }
        return ports;
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(variable + "=" + value + " is not a TCP port (1-65535).");
    }
}
