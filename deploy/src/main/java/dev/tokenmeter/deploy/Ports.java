package dev.tokenmeter.deploy;

import java.util.Map;
import java.util.stream.IntStream;

/**
 * The TCP ports of the local stack.
 *
 * @param kafkaController  the broker's KRaft controller listener; nothing but the broker talks to it
 * @param query            the query API and web UI, reserved for the query service
 * @param ingestManagement the ingest service's actuator (health, Prometheus metrics), loopback only
 * @param queryManagement  the query service's actuator (health, Prometheus metrics), loopback only
 */
public record Ports(int postgres, int kafka, int kafkaController, int ingest, int query, int ingestManagement,
        int queryManagement) {

    static final int DEFAULT_POSTGRES = 15432;
    static final int DEFAULT_KAFKA = 19092;
    static final int DEFAULT_INGEST = 8081;
    static final int DEFAULT_QUERY = 8080;
    static final int DEFAULT_INGEST_MANAGEMENT = 9081;
    static final int DEFAULT_QUERY_MANAGEMENT = 9080;

    public Ports {
        long distinct = IntStream.of(postgres, kafka, kafkaController, ingest, query, ingestManagement, queryManagement)
                .distinct().count();
        if (distinct < 7) {
            throw new UsageException("Two components would share a port: " + describe(postgres, kafka, kafkaController, ingest,
                    query, ingestManagement, queryManagement) + ". Give each its own with the TOKENMETER_*_PORT variables.");
        }
    }

    /** Reads {@code TOKENMETER_*_PORT} variables; the controller port defaults to the Kafka port + 1. */
    static Ports fromEnvironment(Map<String, String> env) {
        int kafka = port(env, "TOKENMETER_KAFKA_PORT", DEFAULT_KAFKA);
        return new Ports(
                port(env, "TOKENMETER_PG_PORT", DEFAULT_POSTGRES),
                kafka,
                port(env, "TOKENMETER_KAFKA_CONTROLLER_PORT", kafka + 1),
                port(env, "TOKENMETER_INGEST_PORT", DEFAULT_INGEST),
                port(env, "TOKENMETER_QUERY_PORT", DEFAULT_QUERY),
                port(env, "TOKENMETER_INGEST_MANAGEMENT_PORT", DEFAULT_INGEST_MANAGEMENT),
                port(env, "TOKENMETER_QUERY_MANAGEMENT_PORT", DEFAULT_QUERY_MANAGEMENT));
    }

    private static String describe(int postgres, int kafka, int kafkaController, int ingest, int query, int ingestManagement,
            int queryManagement) {
        return "PostgreSQL " + postgres + ", Kafka " + kafka + ", Kafka controller " + kafkaController + ", ingest " + ingest
                + ", query " + query + ", ingest management " + ingestManagement + ", query management " + queryManagement;
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
