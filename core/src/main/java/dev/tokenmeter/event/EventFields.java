package dev.tokenmeter.event;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract's fields of one event object as read from JSON, before {@link EventValidator} checks
 * them; fields the contract does not know are not kept. A value is one of: null (absent, or JSON
 * null), a {@link String}, a {@link Long} (an integer within long's range), a {@link BigInteger} (an
 * integer outside it), a {@link java.math.BigDecimal} (a number with a fraction or an exponent), a
 * {@code Map<String, Object>} (an object, its properties in order, a repeated name keeping its first
 * place and its last value, as Jackson's tree does) or {@link #OTHER} (an array or a boolean, which
 * no field accepts). Filled either token by token from a record's bytes ({@link EventStream}) or from
 * an already parsed tree ({@link #of}).
 */
final class EventFields {

    /** An array or a boolean: the wrong type for every field of the contract. */
    static final Object OTHER = new Object() {
        @Override
        public String toString() {
            return "array or boolean";
        }
    };

    @Nullable
    Object id;
    @Nullable
    Object tenant;
    @Nullable
    Object time;
    @Nullable
    Object provider;
    @Nullable
    Object model;
    @Nullable
    Object endpoint;
    @Nullable
    Object project;
    @Nullable
    Object apiKey;
    @Nullable
    Object user;
    @Nullable
    Object status;
    @Nullable
    Object error;
    @Nullable
    Object latencyMs;
    @Nullable
    Object usage;
    @Nullable
    Object costUsd;
    @Nullable
    Object tags;
    @Nullable
    Object serviceTier;

    /** Sets the field of the contract named {@code name}; answers false for a name the contract does not know. */
    boolean set(String name, @Nullable Object value) {
        switch (name) {
            case "id" -> id = value;
            case "tenant" -> tenant = value;
            case "time" -> time = value;
            case "provider" -> provider = value;
            case "model" -> model = value;
            case "endpoint" -> endpoint = value;
            case "project" -> project = value;
            case "apiKey" -> apiKey = value;
            case "user" -> user = value;
            case "status" -> status = value;
            case "error" -> error = value;
            case "latencyMs" -> latencyMs = value;
            case "usage" -> usage = value;
            case "costUsd" -> costUsd = value;
            case "tags" -> tags = value;
            case "serviceTier" -> serviceTier = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The fields of an event object parsed into a tree (HTTP items, CloudEvents, the tree reader). */
    static EventFields of(ObjectNode event) {
        EventFields fields = new EventFields();
        for (Map.Entry<String, JsonNode> property : event.properties()) {
            fields.set(property.getKey(), value(property.getValue()));
        }
        return fields;
    }

    private static @Nullable Object value(JsonNode node) {
        if (node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isObject()) {
            Map<String, @Nullable Object> object = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                object.put(property.getKey(), value(property.getValue()));
            }
            return object;
        }
        return OTHER;
    }
}
