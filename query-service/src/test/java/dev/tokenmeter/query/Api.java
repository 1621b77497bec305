package dev.tokenmeter.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query API over real HTTP, as a client calls it: the integration tests' one client. */
public final class Api {

    public static final String OPERATOR = "op-secret-0123456789abcdef0123456789";
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private final int port;
    private final String operator;

    public Api(int port) {
        this(port, OPERATOR);
    }

    /** The API of a service started with another operator key. */
    public Api(int port, String operator) {
        this.port = port;
        this.operator = operator;
    }

    /** A new key of the tenant with the role, made with the operator key. */
    public String key(String tenant, String role) {
        EntityExchangeResult<String> created = send("POST", "/api/v1/keys", operator,
                JSON.writeValueAsString(Map.of("tenant", tenant, "role", role, "name", role + " key")));
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return JSON.readTree(created.getResponseBody()).get("secret").stringValue();
    }

    /** POST to {@code /api/v1/<collection>}, which must answer 201; answers the created resource. */
    public JsonNode create(String collection, String key, String body) {
        EntityExchangeResult<String> created = send("POST", "/api/v1/" + collection, key, body);
        assertThat(created.getStatus().value()).as(created.getResponseBody()).isEqualTo(201);
        return JSON.readTree(created.getResponseBody());
    }

    /** GET, which must answer 200. */
    public JsonNode get(String uri, String key) {
        return call("GET", uri, key);
    }

    /** A call without a body, which must answer 200. */
    public JsonNode call(String method, String uri, String key) {
        EntityExchangeResult<String> answer = send(method, uri, key, null);
        assertThat(answer.getStatus().value()).as(uri + " answered " + answer.getResponseBody()).isEqualTo(200);
        return JSON.readTree(answer.getResponseBody());
    }

    public EntityExchangeResult<String> send(String method, String uri, String key, @Nullable String body) {
        WebTestClient.RequestBodySpec request = client(port)
                .method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri)
                .header("Authorization", "Bearer " + key);
        WebTestClient.RequestHeadersSpec<?> withBody = body == null
                ? request
                : request.header("Content-Type", "application/json").bodyValue(body);
        return withBody.exchange().expectBody(String.class).returnResult();
    }

    /**
     * A client of the query service on its HTTP port: waits up to 60 s for an answer (two shared cores) and
     * takes bodies up to 64 MB (wide timelines and breakdowns).
     */
    public static WebTestClient client(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(64 * 1024 * 1024))
                .build();
    }
}
