package dev.tokenmeter.bench.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One question of the dashboard, asked of the query API and of plain SQL over the raw events.
 *
 * @param name      as the report names it
 * @param apiQuery  path and query string under {@code /api/v1}
 * @param log       an event-log page (target p95 ≤ 100 ms) rather than an aggregate (≤ 50 ms)
 * @param baseline  the same question in plain SQL, answering facts
 * @param facts     the facts of the API's answer, comparable with the baseline's
 */
record Question(String name, String apiQuery, boolean log, Baseline baseline, Facts facts) {

    interface Baseline {
        List<String> answer(Connection c) throws SQLException;
    }

    interface Facts {
        List<String> of(JsonNode answer);
    }
}
