package dev.tokenmeter.client.provider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The provider response bodies of {@code examples/fixtures}, shared with the Python and TypeScript examples. */
public final class Fixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("tokenmeter.fixtures", "../examples/fixtures")).toAbsolutePath().normalize();
    }

    public static JsonNode read(String name) {
        return JSON.readTree(directory().resolve(name).toFile());
    }

    /** The cases of {@code expected.json}: fixture, mapper, provider, endpoint, model, responseId, usage. */
    public static List<JsonNode> expectedCases() {
        List<JsonNode> cases = new ArrayList<>();
        read("expected.json").path("cases").forEach(cases::add);
        return cases;
    }

    static boolean exists(String name) {
        return Files.exists(directory().resolve(name));
    }
}
