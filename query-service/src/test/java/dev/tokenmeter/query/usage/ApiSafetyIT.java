package dev.tokenmeter.query.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.query.usage.RawEvents.Event;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tenant isolation on every endpoint, and malformed input everywhere never answered with a 5xx. */
// Rate limits off: this test sends 10 000 requests with one viewer key, and they must reach the handlers.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789",
        "tokenmeter.query.rate-limits.enabled=false"})
@WithInfrastructure
class ApiSafetyIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(ApiSafetyIT.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant NOW = Instant.now();

    /** Every read endpoint with parameters that make it do real work. */
    static final List<String> ENDPOINTS = List.of(
            "/api/v1/usage/summary?range=all",
            "/api/v1/usage/timeline?range=30d&bucket=day&groupBy=model",
            // Hourly over 7 days, not today: just after UTC midnight today holds none of the data (a run at 00:03 failed).
            "/api/v1/usage/timeline?range=7d&bucket=hour&groupBy=user",
            "/api/v1/usage/breakdown?range=all&by=model",
            "/api/v1/usage/breakdown?range=all&by=user",
            "/api/v1/usage/breakdown?range=all&by=tag:env",
            "/api/v1/usage/values/model?range=all",
            "/api/v1/usage/values/tag:env?range=all",
            "/api/v1/usage/periods",
            "/api/v1/usage/forecast",
            "/api/v1/usage/events?range=all&limit=500",
            "/api/v1/usage/errors?range=all&limit=500",
            "/api/v1/usage/export?range=all",
            "/api/v1/keys");

    @LocalServerPort
    int port;

    @BeforeAll
    static void load(@Autowired org.flywaydb.core.Flyway flyway) throws Exception {
        Instant[] lastDays = {NOW.minus(Duration.ofDays(20)), NOW};
        List<Event> events = new ArrayList<>(RawEvents.generate(new Random(5), List.of("tenant-a"), List.<Instant[]>of(lastDays), 2_000));
        for (Event e : RawEvents.generate(new Random(6), List.of("tenant-b"), List.<Instant[]>of(lastDays), 500)) {
            events.add(new Event(e.tenant(), "b-secret-" + e.id(), e.time(), e.provider(), "b-secret-model", e.endpoint(),
                    "b-secret-project", "b-secret-key", "b-secret-user", e.status(), e.latencyMs(), e.input(), e.cached(),
                    e.cacheWrite(), e.output(), e.reasoning(), e.cost().add(new BigDecimal("1000")), e.priced(),
                    Map.of("env", "b-secret-env")));
        }
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password())) {
            RawEvents.insert(connection, events, NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(1)));
        }
    }

    @Test
    void aTenantsKeysNeverSeeAnotherTenantsDataOnAnyEndpoint() {
        String adminA = api().key("tenant-a", "admin");
        String viewerA = api().key("tenant-a", "viewer");
        api().key("tenant-b", "admin");
        for (String endpoint : ENDPOINTS) {
            for (String key : List.of(adminA, viewerA)) {
                if (endpoint.equals("/api/v1/keys") && key.equals(viewerA)) {
                    assertThat(call(endpoint, key).getStatus().value()).as("viewer on " + endpoint).isEqualTo(403);
                    continue;
                }
                EntityExchangeResult<String> answer = call(endpoint, key);
                assertThat(answer.getStatus().value()).as(endpoint + " answered " + answer.getResponseBody()).isEqualTo(200);
                assertThat(answer.getResponseBody()).as(endpoint).doesNotContain("b-secret").doesNotContain("tenant-b");
                String other = endpoint + (endpoint.contains("?") ? "&" : "?") + "tenant=tenant-b";
                assertThat(call(other, key).getStatus().value()).as("naming another tenant on " + endpoint).isEqualTo(403);
            }
            // The data is really there: the operator naming tenant-b sees it.
            if (!endpoint.contains("summary") && !endpoint.contains("periods") && !endpoint.contains("forecast")
                    && !endpoint.contains("errors") && !endpoint.contains("keys")) {
                String asOperator = endpoint + (endpoint.contains("?") ? "&" : "?") + "tenant=tenant-b";
                assertThat(call(asOperator, "op-secret-0123456789abcdef0123456789").getResponseBody()).as("operator on " + endpoint)
                        .contains("b-secret");
            }
        }
        JsonNode summary = JSON.readTree(call("/api/v1/usage/summary?range=all", viewerA).getResponseBody());
        assertThat(summary.get("requests").longValue()).isEqualTo(2_000);
        JsonNode summaryB = JSON.readTree(
                call("/api/v1/usage/summary?range=all&tenant=tenant-b", "op-secret-0123456789abcdef0123456789").getResponseBody());
        assertThat(summaryB.get("requests").longValue()).isEqualTo(500);
    }

    @Test
    void missingOrUnknownKeysAreUnauthorizedEverywhere() {
        for (String endpoint : ENDPOINTS) {
            assertThat(Api.client(port).get().uri(URI.create("http://localhost:" + port + endpoint)).exchange().returnResult(String.class)
                    .getStatus().value())
                    .as("no key on " + endpoint).isEqualTo(401);
            assertThat(call(endpoint, "tm_not-a-key-at-all-000000000000000").getStatus().value())
                    .as("unknown key on " + endpoint).isEqualTo(401);
        }
    }

    static final List<String> BAD_VALUES = List.of("", " ", "x", "-1", "0", "99999999999999999999", "1e9", "null", "NaN",
            "' OR 1=1 --", "\u0000", "2026-13-45", "2026-02-30", "9999-12-31T23:59:59Z", "0000-01-01", "-2026-01-01",
            "Etc/GMT+99", "../../etc/passwd", "日本語", "x".repeat(5000), "<script>", "[]", "{}", "tag:", "tag:bad key",
            "minute", "all", "1000000d", "10000d", "2026-11-01T00:00:00", "2026-11-01T25:00:00Z", "cost;DROP TABLE usage_event");
    static final List<String> PARAMETERS = List.of("range", "from", "to", "tz", "bucket", "groupBy", "top", "by", "sort", "order",
            "limit", "cursor", "percentiles", "compare", "provider", "model", "project", "apiKey", "endpoint", "status", "user", "tag.env",
            "tag.bad key",
            "tenant", "unknown");

    @Test
    void malformedValuesOfEveryParameterOfEveryEndpointNeverGetA5xx() {
        String viewer = api().key("tenant-a", "viewer");
        int requests = 0;
        for (String endpoint : ENDPOINTS) {
            for (String parameter : PARAMETERS) {
                for (String value : BAD_VALUES) {
                    String uri = UriComponentsBuilder.fromUriString(endpoint).replaceQueryParam(parameter, value)
                            .build().encode().toUriString();
                    assertClientError(uri, viewer);
                    requests++;
                }
            }
        }
        for (String dimension : BAD_VALUES) {
            assertClientError(UriComponentsBuilder.fromPath("/api/v1/usage/values/{d}").buildAndExpand(dimension).encode().toUriString(),
                    viewer);
        }
        Random random = new Random(99);
        for (int i = 0; i < 400; i++) {
            UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(ENDPOINTS.get(random.nextInt(ENDPOINTS.size())));
            for (int p = random.nextInt(4); p >= 0; p--) {
                uri.replaceQueryParam(PARAMETERS.get(random.nextInt(PARAMETERS.size())), BAD_VALUES.get(random.nextInt(BAD_VALUES.size())));
            }
            assertClientError(uri.build().encode().toUriString(), viewer);
            requests++;
        }
        assertThat(requests).isGreaterThan(10_000);
    }

    private void assertClientError(String uri, String key) {
        EntityExchangeResult<String> answer = call(uri, key);
        int status = answer.getStatus().value();
        assertThat(status).as(uri + " answered " + answer.getResponseBody()).isLessThan(500);
        if (status >= 400) {
            assertThat(answer.getResponseHeaders().getContentType()).as(uri + " is problem+json").isNotNull();
            assertThat(answer.getResponseHeaders().getContentType().toString()).as(uri).contains("problem+json");
        }
    }

    private EntityExchangeResult<String> call(String uri, String key) {
        return Api.client(port).get().uri(URI.create("http://localhost:" + port + uri)).header("Authorization", "Bearer " + key)
                .exchange().expectBody(String.class).returnResult();
    }

    private Api api() {
        return new Api(port);
    }
}
