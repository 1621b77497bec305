package dev.tokenmeter.deploy;

/** What the terminal shows once the stack is up: where everything is and the keys to use it. */
final class ReadyBanner {

    private ReadyBanner() {
    }

    static void print(DataDir dataDir, Ports ports, Keys keys) {
        String operator = keys.operatorFromEnv()
                ? "(from TOKENMETER_OPERATOR_KEY)"
                : keys.operator() + "   (generated and kept in " + dataDir.keys() + "; set TOKENMETER_OPERATOR_KEY to choose one)";
        Console.line("""

                Tokenmeter is ready.
                  Dashboard     http://localhost:%11$d/   sign in with the viewer key below
                  Viewer key    %12$s   (tenant %3$s, read-only)
                  Query API     http://localhost:%11$d/api/v1   (Authorization: Bearer <key>; OpenAPI at /api/v1/openapi.json)
                  Ingest API    http://localhost:%1$d/api/v1/events   (Authorization: Bearer <ingest key>)
                  Ingest key    %2$s   (tenant %3$s)
                  Operator key  %4$s
                  Kafka         localhost:%5$d   topic %6$s
                  PostgreSQL    postgresql://%7$s@localhost:%8$d/%9$s
                  Logs          %10$s
                Ctrl-C stops everything; the data stays for the next start.""".formatted(ports.ingest(), keys.demoIngest(), Keys.DEMO_TENANT, operator, ports.kafka(), Services.TOPIC,
                LocalPostgres.USER, ports.postgres(), LocalPostgres.DATABASE, dataDir.logs(), ports.query(), keys.demoViewer()));
    }
}
