package dev.tokenmeter.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.query.Api;
import dev.tokenmeter.testsupport.Infrastructure;
import dev.tokenmeter.testsupport.WithInfrastructure;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API keys and tenancy through a real HTTP server on a real PostgreSQL: creating, listing and
 * revoking keys, who may do what, and how every refusal reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key="
        + ApiKeysIT.OPERATOR)
@Import(ApiKeysIT.WhoAmI.class)
@WithInfrastructure
class ApiKeysIT {

    static final String OPERATOR = "op-secret-0123456789abcdef0123456789";
    static final String WEB_UI = "http://localhost:5173";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.databaseFor(ApiKeysIT.class);

    /** Shows tests how the filter resolved a request; exists only in tests. */
    @RestController
    static class WhoAmI {
        @GetMapping("/api/v1/test/whoami")
        Map<String, @Nullable Object> whoami(Caller caller) {
            var answer = new HashMap<String, @Nullable Object>();
            answer.put("tenant", caller.tenant());
            answer.put("role", caller.role().code());
            answer.put("keyId", caller.keyId());
            return answer;
        }
    }

    final WebTestClient client;

    ApiKeysIT(@LocalServerPort int port) {
        client = Api.client(port);
    }

    @Test
    void operatorCreatesKeysOfAnyTenantAndEachSecretIsShownOnlyInItsCreationAnswer() throws SQLException {
        List<JsonNode> created = new ArrayList<>();
        for (String tenant : List.of("a", "b")) {
            for (String role : List.of("admin", "viewer")) {
                JsonNode key = create(OPERATOR, tenant, role, role + " of " + tenant);
                assertThat(key.get("id").asString()).matches("key_[0-9a-f]{16}");
                assertThat(key.get("secret").asString()).matches("tm_[A-Za-z0-9_-]{32}");
                assertThat(key.get("tenant").asString()).isEqualTo(tenant);
                assertThat(key.get("role").asString()).isEqualTo(role);
                assertThat(key.get("name").asString()).isEqualTo(role + " of " + tenant);
                assertThat(key.get("createdAt").asString()).isNotBlank();
                created.add(key);
            }
        }

        String listed = client.get().uri("/api/v1/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode items = JSON.readTree(listed).get("items");
        for (JsonNode key : created) {
            assertThat(listed).doesNotContain(key.get("secret").asString());
            assertThat(items.valueStream().map(item -> item.get("id").asString())).contains(key.get("id").asString());
        }
        items.valueStream().forEach(item -> assertThat(item.has("secret")).isFalse());

        for (JsonNode key : created) {
            String secret = key.get("secret").asString();
            assertThat(query("SELECT count(*) FROM api_key WHERE id = ? AND secret_hash = ?",
                    key.get("id").asString(), KeySecrets.hash(secret))).isEqualTo(1);
            assertThat(query("SELECT count(*) FROM api_key WHERE strpos(api_key::text, ?) > 0", secret)).isZero();
        }
    }

    @Test
    void tenantAdminCreatesKeysOfItsOwnTenantOnly() {
        String adminOfA = secret(create(OPERATOR, "a", "admin", "admin"));

        JsonNode implicit = create(adminOfA, null, "viewer", "dashboard");
        assertThat(implicit.get("tenant").asString()).isEqualTo("a");
        JsonNode explicit = create(adminOfA, "a", "ingest", "gateway");
        assertThat(explicit.get("tenant").asString()).isEqualTo("a");
        assertThat(explicit.get("role").asString()).isEqualTo("ingest");

        assertProblem(post(adminOfA, body("b", "viewer", "sneaky")), HttpStatus.FORBIDDEN);
    }

    @Test
    void viewerAndIngestKeysCannotManageKeys() {
        String viewer = secret(create(OPERATOR, "a", "viewer", "viewer"));
        String ingest = secret(create(OPERATOR, "a", "ingest", "ingest"));
        String victim = create(OPERATOR, "a", "viewer", "victim").get("id").asString();

        assertProblem(post(viewer, body(null, "admin", "escalate")), HttpStatus.FORBIDDEN);
        assertProblem(post(viewer, body("a", "viewer", "another")), HttpStatus.FORBIDDEN);
        assertProblem(get("/api/v1/keys", viewer), HttpStatus.FORBIDDEN);
        assertProblem(delete(victim, viewer), HttpStatus.FORBIDDEN);
        for (var request : List.of(post(ingest, body(null, "viewer", "x")), get("/api/v1/keys", ingest), delete(victim, ingest))) {
            assertProblem(request, HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void adminListsOnlyItsOwnTenantsKeysAndTheOperatorAnyTenantsOrAll() {
        String adminOfA = secret(create(OPERATOR, "a", "admin", "lister"));
        create(OPERATOR, "b", "viewer", "of b");

        assertThat(tenantsListed(get("/api/v1/keys", adminOfA))).containsOnly("a");
        assertThat(tenantsListed(get("/api/v1/keys?tenant=b", OPERATOR))).containsOnly("b");
        assertThat(tenantsListed(get("/api/v1/keys", OPERATOR))).contains("a", "b");
        assertProblem(get("/api/v1/keys?tenant=b", adminOfA), HttpStatus.FORBIDDEN);
    }

    @Test
    void aRevokedKeyIsRefusedAtItsNextRequest() {
        JsonNode key = create(OPERATOR, "a", "viewer", "soon revoked");
        String adminOfA = secret(create(OPERATOR, "a", "admin", "revoker"));
        String adminOfB = secret(create(OPERATOR, "b", "admin", "outsider"));
        String id = key.get("id").asString();
        get("/api/v1/test/whoami", secret(key)).expectStatus().isOk();

        assertProblem(delete(id, adminOfB), HttpStatus.NOT_FOUND);
        get("/api/v1/test/whoami", secret(key)).expectStatus().isOk();
        delete(id, adminOfA).expectStatus().isNoContent();
        delete(id, adminOfA).expectStatus().isNoContent();
        assertProblem(delete("key_0000000000000000", adminOfA), HttpStatus.NOT_FOUND);

        assertProblem(get("/api/v1/test/whoami", secret(key)), HttpStatus.UNAUTHORIZED);
        JsonNode revoked = listed(get("/api/v1/keys", adminOfA)).valueStream()
                .filter(item -> item.get("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(revoked.get("revokedAt").isNull()).isFalse();
        assertThat(revoked.get("lastUsedAt").isNull()).as("last use recorded").isFalse();
    }

    @Test
    void aRequestWithoutAValidKeyIsUnauthorized() {
        JsonNode none = assertProblem(client.get().uri("/api/v1/test/whoami").exchange(), HttpStatus.UNAUTHORIZED);
        assertThat(none.get("detail").asString()).contains("Bearer");
        assertProblem(get("/api/v1/test/whoami", "tm_" + "A".repeat(32)), HttpStatus.UNAUTHORIZED);
        assertProblem(get("/api/v1/test/whoami", "not-a-key"), HttpStatus.UNAUTHORIZED);
        assertProblem(client.get().uri("/api/v1/keys").header(HttpHeaders.AUTHORIZATION, "Basic b3A6c2VjcmV0").exchange(),
                HttpStatus.UNAUTHORIZED);
        client.get().uri("/api/v1/test/whoami").exchange()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void aTenantKeyReadsItsOwnTenantAndIsForbiddenToNameAnother() {
        JsonNode key = create(OPERATOR, "a", "viewer", "reader");
        JsonNode own = body(get("/api/v1/test/whoami?tenant=a", secret(key)).expectStatus().isOk());
        assertThat(own.get("tenant").asString()).isEqualTo("a");
        assertThat(own.get("role").asString()).isEqualTo("viewer");
        assertThat(own.get("keyId").asString()).isEqualTo(key.get("id").asString());

        assertProblem(get("/api/v1/test/whoami?tenant=b", secret(key)), HttpStatus.FORBIDDEN);
        assertProblem(get("/api/v1/test/whoami?tenant=a&tenant=b", secret(key)), HttpStatus.FORBIDDEN);
    }

    @Test
    void theOperatorReadsTheTenantItNames() {
        JsonNode named = body(get("/api/v1/test/whoami?tenant=b", OPERATOR).expectStatus().isOk());
        assertThat(named.get("tenant").asString()).isEqualTo("b");
        assertThat(named.get("role").asString()).isEqualTo("operator");
        assertThat(named.get("keyId").isNull()).isTrue();
        JsonNode unnamed = body(get("/api/v1/test/whoami", OPERATOR).expectStatus().isOk());
        assertThat(unnamed.get("tenant").isNull()).isTrue();

        assertBadParameter(get("/api/v1/test/whoami?tenant=Not%20A%20Tenant", OPERATOR), "tenant");
        assertBadParameter(get("/api/v1/test/whoami?tenant=a&tenant=b", OPERATOR), "tenant");
    }

    @Test
    void anIngestKeyReadsNothing() {
        String ingest = secret(create(OPERATOR, "a", "ingest", "publisher"));
        assertProblem(get("/api/v1/test/whoami", ingest), HttpStatus.FORBIDDEN);
    }

    @Test
    void badKeyRequestsAreA400NamingTheParameter() {
        String adminOfA = secret(create(OPERATOR, "a", "admin", "validator"));
        assertBadParameter(post(OPERATOR, body("a", "owner", "x")), "role");
        assertBadParameter(post(OPERATOR, body("a", "operator", "x")), "role");
        assertBadParameter(post(OPERATOR, body("a", null, "x")), "role");
        assertBadParameter(post(OPERATOR, body("Tenant!", "viewer", "x")), "tenant");
        assertBadParameter(post(OPERATOR, body("t".repeat(65), "viewer", "x")), "tenant");
        assertBadParameter(post(OPERATOR, body(null, "viewer", "x")), "tenant");
        assertBadParameter(post(OPERATOR, body("a", "viewer", "")), "name");
        assertBadParameter(post(OPERATOR, body("a", "viewer", null)), "name");
        assertBadParameter(post(OPERATOR, body("a", "viewer", "n".repeat(129))), "name");
        assertBadParameter(post(adminOfA, body(null, "root", "x")), "role");
        assertProblem(client.post().uri("/api/v1/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + OPERATOR)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{not json")
                .exchange(), HttpStatus.BAD_REQUEST);
        assertThat(create(OPERATOR, "a", "viewer", "n".repeat(128)).get("name").asString()).hasSize(128);
    }

    @Test
    void theWebUiMayCallTheApiFromItsOrigin() {
        client.options().uri("/api/v1/usage/summary")
                .header(HttpHeaders.ORIGIN, WEB_UI)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, WEB_UI)
                .expectHeader()
                .value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, value -> assertThat(value).containsIgnoringCase("authorization"));
        client.get().uri("/api/v1/test/whoami")
                .header(HttpHeaders.ORIGIN, WEB_UI)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, WEB_UI);
        client.options().uri("/api/v1/usage/summary")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void theOpenApiDocumentNeedsNoKeyAndDescribesTheBearerKey() {
        JsonNode document = body(client.get().uri("/api/v1/openapi.json")
                .exchange()
                .expectStatus().isOk());

        assertThat(document.path("components").path("securitySchemes").path("apiKey").path("scheme").asString()).isEqualTo("bearer");
        JsonNode list = document.path("paths").path("/api/v1/keys").path("get");
        assertThat(list.path("parameters").valueStream().map(parameter -> parameter.path("name").asString()))
                .contains("tenant")
                .doesNotContain("caller");
        assertThat(document.path("paths").path("/api/v1/keys").path("post").path("responses").has("201")).isTrue();
    }

    // --- helpers

    static Map<String, @Nullable String> body(@Nullable String tenant, @Nullable String role, @Nullable String name) {
        var body = new HashMap<String, @Nullable String>();
        body.put("tenant", tenant);
        body.put("role", role);
        body.put("name", name);
        return body;
    }

    @Test
    void theDashboardItsAssetsAndTheApiComeWithSecurityHeadersAndCacheHeadersChosenPerRoute() {
        String index = client.get().uri("/")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache")
                .expectHeader()
                .value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self';", "frame-ancestors 'none'"))
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(index).as("no inline script").doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        Matcher asset = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(index);
        assertThat(asset.find()).as(index).isTrue();
        client.get().uri(asset.group(1))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=31536000, immutable")
                .expectHeader().valueEquals("X-Content-Type-Options", "nosniff");
        client.get().uri("/budgets")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-cache");

        for (String bearer : List.of(OPERATOR, "not-a-key")) {
            client.get().uri("/api/v1/keys")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                    .exchange()
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                    .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader().valueEquals("X-Frame-Options", "DENY")
                    .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        }
    }

    JsonNode create(String bearer, @Nullable String tenant, String role, String name) {
        return body(post(bearer, body(tenant, role, name))
                .expectStatus().isCreated()
                .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/api/v1/keys/key_")));
    }

    WebTestClient.ResponseSpec post(String bearer, Map<String, @Nullable String> body) {
        return client.post().uri("/api/v1/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec get(String uri, String bearer) {
        return client.get().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .exchange();
    }

    WebTestClient.ResponseSpec delete(String id, String bearer) {
        Function<UriBuilder, URI> uri = builder -> builder.path("/api/v1/keys/{id}").build(id);
        return client.delete().uri(uri)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .exchange();
    }

    static String secret(JsonNode created) {
        return created.get("secret").asString();
    }

    static JsonNode body(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        assertThat(body).isNotNull();
        return JSON.readTree(body);
    }

    static JsonNode listed(WebTestClient.ResponseSpec response) {
        return body(response.expectStatus().isOk()).get("items");
    }

    static List<String> tenantsListed(WebTestClient.ResponseSpec response) {
        return listed(response).valueStream().map(item -> item.get("tenant").asString()).toList();
    }

    /** Checks the status and that the body is RFC 9457 problem details; answers the body. */
    static JsonNode assertProblem(WebTestClient.ResponseSpec response, HttpStatus status) {
        JsonNode problem = body(response
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(problem.get("status").asInt()).as(problem.toString()).isEqualTo(status.value());
        assertThat(problem.get("title").asString()).as(problem.toString()).isNotBlank();
        assertThat(problem.get("detail").asString()).as(problem.toString()).isNotBlank();
        return problem;
    }

    static void assertBadParameter(WebTestClient.ResponseSpec response, String parameter) {
        JsonNode problem = assertProblem(response, HttpStatus.BAD_REQUEST);
        assertThat(problem.path("parameter").asString("")).as(problem.toString()).isEqualTo(parameter);
    }

    static long query(String sql, Object... args) throws SQLException {
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
