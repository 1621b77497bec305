package dev.tokenmeter.deploy;

/** What the terminal shows once the stack is up: where everything is and the keys to use it. */
final class ReadyBanner {

    private ReadyBanner() {
    }

    static void print(DataDir dataDir, Ports ports, String listen, Keys keys) {
        String operator = keys.operatorFromEnv()
                ? "(from TOKENMETER_OPERATOR_KEY)"
                : keys.operator() + "   (generated and kept in " + dataDir.keys() + "; set TOKENMETER_OPERATOR_KEY to choose one)";
        String host = host(listen);
        Console.line(
                """

                        Tokenmeter is ready.
                          Dashboard     http://%13$s:%11$d/   sign in with the viewer key below
                          Viewer key    %12$s   (tenant %3$s, read-only)
                          Query API     http://%13$s:%11$d/api/v1   (Authorization: Bearer <key>; OpenAPI at /api/v1/openapi.json)
                          Ingest API    http://%13$s:%1$d/api/v1/events   (Authorization: Bearer <ingest key>)
                          OTLP traces   http://%13$s:%1$d/v1/traces   (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT; OTEL_EXPORTER_OTLP_HEADERS=Authorization=Bearer%%20<ingest key>)
                          Ingest key    %2$s   (tenant %3$s)
                          Operator key  %4$s
                          Kafka         localhost:%5$d   topic %6$s
                          PostgreSQL    postgresql://%7$s@localhost:%8$d/%9$s
                          Management    http://127.0.0.1:%14$d/actuator (query), http://127.0.0.1:%15$d/actuator (ingest): health, Prometheus metrics
                          Logs          %10$s
                        Ctrl-C stops everything; the data stays for the next start."""
                        .formatted(ports.ingest(), keys.demoIngest(), Keys.DEMO_TENANT, operator, ports.kafka(), Services.TOPIC,
                                LocalPostgres.USER, ports.postgres(), LocalPostgres.DATABASE, dataDir.logs(), ports.query(),
                                keys.demoViewer(), host,
                                ports.queryManagement(), ports.ingestManagement()));
    }

    /** The host for the URLs shown: localhost for loopback and every-interface binds, else the address itself. */
    static String host(String listen) {
        if (listen.equals(Options.LOOPBACK) || listen.equals("0.0.0.0") || listen.equals("0:0:0:0:0:0:0:0")) {
            return "localhost";
        }
        return listen.contains(":") ? "[" + listen + "]" : listen;
    }
}
