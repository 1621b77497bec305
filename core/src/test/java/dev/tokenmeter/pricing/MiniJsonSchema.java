package dev.tokenmeter.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A small JSON Schema (2020-12) checker for the keywords the catalog schema uses: type, enum,
 * required, properties, additionalProperties, items, minItems, minLength, pattern, minimum,
 * multipleOf and local $ref. Any other validation keyword fails loudly, so the schema can never
 * claim a rule that is not checked.
 */
final class MiniJsonSchema {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "$defs", "title", "description");
    private static final Set<String> KEYWORDS = Set.of("type", "enum", "required", "properties", "additionalProperties",
            "items", "minItems", "minLength", "pattern", "minimum", "multipleOf", "$ref");

    private final JsonNode root;

    MiniJsonSchema(JsonNode root) {
        this.root = root;
    }

    /** Every violation, as "path: problem"; empty when the document is valid. */
    List<String> validate(JsonNode document) {
        List<String> violations = new ArrayList<>();
        check(root, document, "$", violations);
        return violations;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> out) {
        for (String keyword : schema.propertyNames()) {
            if (!ANNOTATIONS.contains(keyword) && !KEYWORDS.contains(keyword)) {
                throw new IllegalStateException("schema keyword not supported by this checker: " + keyword);
            }
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalStateException("only local $defs references are supported: " + ref);
            }
            check(root.path("$defs").path(ref.substring("#/$defs/".length())), value, path, out);
        }
        if (schema.has("type") && !hasType(value, schema.get("type").asString())) {
            out.add(path + ": must be of type " + schema.get("type").asString());
            return;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                out.add(path + ": must be one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    out.add(path + ": lacks required property " + required.asString());
                }
            }
            JsonNode properties = schema.path("properties");
            for (String name : value.propertyNames()) {
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), path + "." + name, out);
                } else if (schema.has("additionalProperties") && !schema.get("additionalProperties").asBoolean()) {
                    out.add(path + ": has unknown property " + name);
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").intValue()) {
                out.add(path + ": needs at least " + schema.get("minItems").intValue() + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", out);
                }
            }
        }
        if (value.isString()) {
            if (schema.has("minLength") && value.asString().length() < schema.get("minLength").intValue()) {
                out.add(path + ": is shorter than " + schema.get("minLength").intValue());
            }
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asString()).matcher(value.asString()).find()) {
                out.add(path + ": '" + value.asString() + "' does not match " + schema.get("pattern").asString());
            }
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue();
            if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0) {
                out.add(path + ": is below " + schema.get("minimum").decimalValue());
            }
            if (schema.has("multipleOf") && number.remainder(schema.get("multipleOf").decimalValue()).signum() != 0) {
                out.add(path + ": " + number + " is not a multiple of " + schema.get("multipleOf").decimalValue());
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber() || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "boolean" -> value.isBoolean();
            default -> throw new IllegalStateException("unknown type " + type);
        };
    }
}
