package dev.tokenmeter.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokenmeter.testsupport.WithInfrastructure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps {@code web-ui/openapi.json}, the contract the web UI's types are generated from, equal to
 * the document this service serves. The web UI cannot ask the running service at build time (this
 * module depends on it), so the committed file is the bridge, and this test is what keeps it honest.
 * Set {@code TOKENMETER_OPENAPI_WRITE=1} to rewrite the file instead of failing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "tokenmeter.query.operator-key=op-secret-0123456789abcdef0123456789")
@WithInfrastructure
class OpenApiDocumentIT {

    static final Path COMMITTED = Path.of("..", "web-ui", "openapi.json");
    static final String REFRESH = "TOKENMETER_OPENAPI_WRITE=1 ./mvnw -B -ntp -o -pl query-service verify -Dit.test=OpenApiDocumentIT "
            + "-Dtest=none -Dsurefire.failIfNoSpecifiedTests=false (web-ui's npm run build regenerates its types from it)";
    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;

    @Test
    void theCommittedOpenApiDocumentIsTheOneTheServiceServes() throws IOException {
        String served = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri("/api/v1/openapi.json")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        String canonical = canonical(served);
        if ("1".equals(System.getenv("TOKENMETER_OPENAPI_WRITE"))) {
            Files.writeString(COMMITTED, canonical, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as("web-ui/openapi.json differs from the document the service serves; refresh it with: " + REFRESH)
                .isEqualTo(canonical);
    }

    /** Keys sorted at every level, two-space indents, a final newline; without {@code servers}, which names this run's port. */
    static String canonical(String document) {
        Object tree = sorted(JSON.readValue(document, Object.class));
        if (tree instanceof Map<?, ?> map) {
            map.remove("servers");
        }
        return JSON.writeValueAsString(tree).replace("\r\n", "\n") + "\n";
    }

    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((key, value) -> result.put(String.valueOf(key), value == null ? null : sorted(value)));
            return result;
        }
        if (node instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(value -> result.add(value == null ? null : sorted(value)));
            return result;
        }
        return node;
    }
}
