package dev.tokenmeter.jsonschema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A published JSON Schema (draft 2020-12) checked by networknt's validator, with {@code format} asserted. */
public final class JsonSchemas {

    private final Schema schema;

    private JsonSchemas(Schema schema) {
        this.schema = schema;
    }

    /** Loads a schema from the class path, e.g. {@code /dev/tokenmeter/event/usage-event.schema.json}. */
    public static JsonSchemas load(String resource) {
        try (InputStream in = JsonSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + " is not on the class path");
            }
            JsonNode node = JsonMapper.builder().build().readTree(in);
            return new JsonSchemas(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation as {@code "<instance location>: <message>"}; empty when the instance is valid. */
    public List<String> validate(JsonNode instance) {
        return schema.validate(instance, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
                .stream()
                .map(error -> error.getInstanceLocation() + ": " + error.getMessage())
                .toList();
    }
}
