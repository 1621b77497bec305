package dev.tokenmeter.deploy.stack;

import dev.tokenmeter.deploy.Faults;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.deploy.files.DeployFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local stack ({@code deploy/local/start --no-demo}, on free ports) scraped by a real Prometheus
 * running the project's own scrape config and alert rules: both services are up, and the ingest
 * counters Prometheus sees match the events this test sent (new, duplicate and invalid ones).
 * The Grafana dashboard's queries and the rules run against the real metrics too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusScrapeIT {

    private static final int EVENTS = 40;
    private static final int REDELIVERED = 10;
    /** The compose and Kubernetes files set this; the services inherit it from the launcher here. */
    private static final Map<String, String> HISTOGRAMS = Map
            .of("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS", "true");
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LocalStackProcess stack;
    private PrometheusServer prometheus;

    @BeforeAll
    void startStackAndPrometheus() throws IOException {
        Path work = DeployFiles.module().resolve("target/prometheus-it/" + System.currentTimeMillis());
        stack = LocalStackProcess.start(work.resolve("stack"), HISTOGRAMS, Duration.ofSeconds(240));
        try {
            int port = Faults.freePort();
            prometheus = PrometheusServer.start(work.resolve("prometheus"), port, Map.of(
                    "\"ingest:9081\"", "\"127.0.0.1:" + stack.port("TOKENMETER_INGEST_MANAGEMENT_PORT") + "\"",
                    "\"query:9080\"", "\"127.0.0.1:" + stack.port("TOKENMETER_QUERY_MANAGEMENT_PORT") + "\"",
                    "\"localhost:9090\"", "\"127.0.0.1:" + port + "\"",
                    "scrape_interval: 15s", "scrape_interval: 2s",
                    "evaluation_interval: 15s", "evaluation_interval: 2s"));
        } catch (RuntimeException | IOException | Error e) {
            stack.kill();
            throw e;
        }
    }

    @AfterAll
    void stopEverything() {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            if (stack != null) {
                stack.close(); // fails the class if any process or port of the stack is left
            }
        }
    }

    @Test
    @Order(1)
    void prometheusSeesBothServicesUp() {
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(prometheus.value("up{job=\"tokenmeter-ingest\"}")).isEqualTo(1.0);
            assertThat(prometheus.value("up{job=\"tokenmeter-query\"}")).isEqualTo(1.0);
        });
    }

    @Test
    @Order(1)
    void metricsAreScrapedFromTheManagementPortsAndThePublicPortsHaveNoActuator() throws Exception {
        for (String service : List.of("INGEST", "QUERY")) {
            int publicPort = stack.port("TOKENMETER_" + service + "_PORT");
            for (String path : List.of("/actuator/prometheus", "/actuator/health")) {
                assertThat(status(publicPort, path)).as(service + " public port " + path).isEqualTo(404);
                assertThat(status(stack.port("TOKENMETER_" + service + "_MANAGEMENT_PORT"), path)).as(service + " management " + path)
                        .isEqualTo(200);
            }
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.value("count(up{instance=\"127.0.0.1:"
                + stack.port("TOKENMETER_QUERY_MANAGEMENT_PORT") + "\"} == 1)")).isEqualTo(1.0));
    }

    @Test
    @Order(2)
    void ingestCountersMatchTheEventsSent() throws Exception {
        Properties keys = stack.keys();
        Instant time = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<String> events = IntStream.range(0, EVENTS).mapToObj(i -> event(i, time)).toList();
        postEvents(events, keys.getProperty("ingest.demo"));
        postEvents(events.subList(0, REDELIVERED), keys.getProperty("ingest.demo")); // counted once
        publishMalformedRecord();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(prometheus.value("sum(ingest_events_persisted_total)")).isEqualTo(EVENTS);
            assertThat(prometheus.value("sum(ingest_events_duplicate_total)")).isEqualTo(REDELIVERED);
            assertThat(prometheus.value("sum(ingest_events_deadlettered_total{reason=\"malformed_json\"})")).isEqualTo(1);
            assertThat(prometheus.value("sum(ingest_events_received_total)")).isEqualTo(EVENTS + REDELIVERED + 1);
            assertThat(prometheus.value("sum(ingest_http_events_total{outcome=\"accepted\"})")).isEqualTo(EVENTS + REDELIVERED);
        });
        assertThat(prometheus.value("sum(ingest_events_deadlettered_total)")).isEqualTo(1);
        assertThat(prometheus.value("sum(ingest_events_conflicting_total)")).isZero();

        // The query service agrees, and its API requests show up in its histogram.
        JsonNode summary = JSON
                .readTree(get(stack.port("TOKENMETER_QUERY_PORT"), "/api/v1/usage/summary?range=all", keys.getProperty("viewer.demo")));
        assertThat(summary.get("requests").longValue()).isEqualTo(EVENTS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.value(
                "count(http_server_requests_seconds_bucket{application=\"tokenmeter-query\", uri=\"/api/v1/usage/summary\"}) > 0"))
                .isPositive());
    }

    @Test
    @Order(3)
    void alertRulesEvaluateAndTheDeadLetterAlertIsRaised() {
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> problems = new ArrayList<>();
            int rules = 0;
            for (JsonNode group : prometheus.api("/api/v1/rules").get("groups")) {
                for (JsonNode rule : group.get("rules")) {
                    rules++;
                    if (!rule.get("health").asString().equals("ok")) {
                        problems.add(rule.get("name").asString() + ": " + rule.get("health").asString() + " "
                                + rule.path("lastError").asString());
                    }
                }
            }
            assertThat(rules).isGreaterThanOrEqualTo(10);
            assertThat(problems).isEmpty();
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(prometheus.value(
                "count(ALERTS{alertname=\"TokenmeterDeadLetters\", reason=\"malformed_json\"})")).isEqualTo(1));
        for (String alert : List.of("TokenmeterInstanceDown", "TokenmeterIngestDown", "TokenmeterQueryDown", "TokenmeterIngestStalled")) {
            assertThat(prometheus.value("count(ALERTS{alertname=\"" + alert + "\"})")).as(alert).isNaN();
        }
    }

    @Test
    @Order(4)
    void everyDashboardQueryRunsAndEveryMetricItNamesExists() {
        JsonNode dashboard = JSON.readTree(DeployFiles.read(DeployFiles.module().resolve("grafana/dashboards/tokenmeter.json")));
        Set<String> named = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asString().replace("$__rate_interval", "1m");
                prometheus.query(expr); // a syntax or type error fails here
                named.addAll(metricNames(expr));
            }
        }
        for (Object group : DeployFiles.list(DeployFiles.yaml(DeployFiles.prometheus().resolve("rules/tokenmeter.yml")).get("groups"))) {
            for (Object rule : DeployFiles.list(DeployFiles.map(group).get("rules"))) {
                named.addAll(metricNames((String) DeployFiles.map(rule).get("expr")));
            }
        }
        assertThat(named).contains("ingest_events_persisted_total", "kafka_consumer_fetch_manager_records_lag_max",
                "ingest_batch_latency_seconds_bucket", "http_server_requests_seconds_bucket", "jvm_memory_used_bytes");
        // Micrometer binds Kafka client metrics created after start-up (the per-partition lag) within a minute.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Set<String> exported = new HashSet<>();
            prometheus.api("/api/v1/label/__name__/values").forEach(name -> exported.add(name.asString()));
            assertThat(exported).as("metrics the dashboard and rules use, exported by the running services").containsAll(named);
        });
    }

    /** Names of the metrics of the services (the future pricing and budget gauges are not among these prefixes). */
    private static Set<String> metricNames(String text) {
        Matcher m = Pattern.compile("\\b((?:ingest|kafka_consumer|r2dbc_pool|http_server_requests|jvm)_[a-z_]+)\\b").matcher(text);
        Set<String> names = new HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String event(int i, Instant time) {
        return """
                {"id":"prom-it-%d","time":"%s","provider":"openai","model":"gpt-4o-mini","endpoint":"chat.completions",\
                "project":"scrape-test","status":"success","latencyMs":%d,"usage":{"inputTokens":%d,"outputTokens":%d}}"""
                .formatted(i, time.plusMillis(i), 100 + i, 1000 + i, 100 + i);
    }

    private void postEvents(List<String> events, String ingestKey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest
                .newBuilder(URI.create("http://localhost:" + stack.port("TOKENMETER_INGEST_PORT") + "/api/v1/events"))
                .header("Authorization", "Bearer " + ingestKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(events.stream().collect(Collectors.joining(",", "[", "]"))))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).get("accepted").intValue()).isEqualTo(events.size());
    }

    /** Not JSON: the ingest service sends it to usage-events.dlq with reason malformed_json. */
    private void publishMalformedRecord() throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + stack.port("TOKENMETER_KAFKA_PORT"),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("usage-events", "demo", "{\"id\": \"prom-it-broken\", ")).get();
        }
    }

    private static int status(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String get(int port, String path, String key) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return response.body();
    }
}
