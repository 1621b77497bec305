package dev.tokenmeter.query.web;

import dev.tokenmeter.query.DatabasePools;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of controllers that reads and checks request bodies exactly as the service does (the strict
 * decoder, the records' constraints, the problem handler), without a server or a database: for tests of
 * what a body's mistakes are answered with.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** Posts {@code body} to {@code path} and expects a 400 problem whose parameter is {@code field} and whose detail starts with it. */
    public static void expectFieldProblem(WebTestClient client, String path, String body, String field) {
        client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.parameter").isEqualTo(field)
                .jsonPath("$.detail").value(detail -> assertThat(String.valueOf(detail)).startsWith(field + ": "));
    }

    public static WebTestClient client(Object... controllers) {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setConstraintValidatorFactory(new SpringConstraintValidatorFactory(new DefaultListableBeanFactory()));
        validator.afterPropertiesSet();
        Duration none = Duration.ZERO;
        DatabasePools.Pool pool = new DatabasePools.Pool(1, none, none, none, none);
        DatabasePools pools = new DatabasePools(new DatabasePools.Session(none, none, none), pool, pool, Duration.ofSeconds(5));
        JsonMapper strict = StrictRequestBodies.strict(JsonMapper.builder().build());
        return WebTestClient.bindToController(controllers)
                .controllerAdvice(new ProblemHandler(pools))
                .httpMessageCodecs(codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict)))
                .validator(new RequestBodyValidator(validator))
                .build();
    }

    /** JSON values no field takes whole, or takes at all. */
    static final List<String> BAD_VALUES = List.of("null", "\"\"", "\" \"", "0", "-1", "1.5", "1e400", "-1e400",
            "99999999999999999999999", "true", "[]", "[null]", "[1, \"a\"]", "{}", "{\"a\": {\"b\": []}}", "\"\\u0000\"",
            "\"" + "x".repeat(5000) + "\"", "\"2026-13-45\"", "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "\"日本語\"");

    /**
     * Posts {@code valid} with each field (and each field of its objects and of the first element of its lists of objects)
     * replaced by each of {@link #BAD_VALUES}, and left out: every answer is a success or a 400 problem, never a 5xx.
     *
     * @return how many bodies were sent
     */
    public static int fuzz(WebTestClient client, String path, String valid) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> bodies = new ArrayList<>();
        mutate((ObjectNode) json.readTree(valid), json, bodies);
        for (String body : bodies) {
            EntityExchangeResult<String> answer = client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectBody(String.class).returnResult();
            int status = answer.getStatus().value();
            assertThat(status).as(body + " answered " + answer.getResponseBody()).isIn(200, 400);
            if (status == 400) {
                assertThat(String.valueOf(answer.getResponseHeaders().getContentType())).as(body).contains("problem+json");
            }
        }
        return bodies.size();
    }

    private static void mutate(ObjectNode node, JsonMapper json, List<String> bodies) {
        mutate(node, node, json, bodies);
    }

    /** Adds to {@code bodies} the root with each field of {@code node} (a part of the root) replaced or left out. */
    private static void mutate(ObjectNode root, ObjectNode node, JsonMapper json, List<String> bodies) {
        for (String field : new ArrayList<>(node.propertyNames())) {
            JsonNode original = node.get(field);
            for (String bad : BAD_VALUES) {
                node.set(field, json.readTree(bad));
                bodies.add(root.toString());
            }
            node.remove(field);
            bodies.add(root.toString());
            node.set(field, original);
            if (original instanceof ObjectNode object) {
                mutate(root, object, json, bodies);
            } else if (original.isArray() && !original.isEmpty() && original.get(0) instanceof ObjectNode first) {
                mutate(root, first, json, bodies);
            }
        }
    }
}
