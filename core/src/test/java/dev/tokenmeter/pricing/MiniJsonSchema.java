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
            "items", "minItems", "minLength", "pattern", "minimum", "multipleOf", "$ref",
            "oneOf", "not", "propertyNames", "minProperties", "maxProperties", "maxLength", "exclusiveMinimum", "maximum");

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
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode option : schema.get("oneOf")) {
                List<String> optionViolations = new ArrayList<>();
                check(option, value, path, optionViolations);
                matching += optionViolations.isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                out.add(path + ": must match exactly one of oneOf, matches " + matching);
            }
        }
        if (schema.has("not")) {
            List<String> notViolations = new ArrayList<>();
            check(schema.get("not"), value, path, notViolations);
            if (notViolations.isEmpty()) {
                out.add(path + ": must not match " + schema.get("not"));
            }
        }
        if (value.isObject()) {
            if (schema.has("minProperties") && value.size() < schema.get("minProperties").intValue()) {
                out.add(path + ": needs at least " + schema.get("minProperties").intValue() + " properties");
            }
            if (schema.has("maxProperties") && value.size() > schema.get("maxProperties").intValue()) {
                out.add(path + ": has more than " + schema.get("maxProperties").intValue() + " properties");
            }
            if (schema.has("propertyNames")) {
                for (String name : value.propertyNames()) {
                    check(schema.get("propertyNames"), tools.jackson.databind.node.StringNode.valueOf(name), path + ".<" + name + ">", out);
                }
            }
            if (schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
                for (String name : value.propertyNames()) {
                    if (!schema.path("properties").has(name)) {
                        check(schema.get("additionalProperties"), value.get(name), path + "." + name, out);
                    }
                }
            }
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    out.add(path + ": lacks required property " + required.asString());
                }
            }
            JsonNode properties = schema.path("properties");
            for (String name : value.propertyNames()) {
                if (properties.has(name)) {
                    check(properties.get(name), value.get(name), path + "." + name, out);
                } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
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
            if (schema.has("maxLength") && value.asString().length() > schema.get("maxLength").intValue()) {
                out.add(path + ": is longer than " + schema.get("maxLength").intValue());
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
            if (schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                out.add(path + ": is above " + schema.get("maximum").decimalValue());
            }
            if (schema.has("exclusiveMinimum") && number.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
                out.add(path + ": must be above " + schema.get("exclusiveMinimum").decimalValue());
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
