package dev.tokenmeter.event;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a record's bytes straight into {@link EventFields}, token by token, without building a tree
 * of the whole record. It decodes every token Jackson's tree reader would (strings and numbers,
 * unknown fields' included), so a record is malformed here exactly when it is for the tree. The
 * forms it leaves to the tree path answer null: a CloudEvents envelope, a root that is not an
 * object, anything after the root, any syntax error — so their verdicts and messages stay the
 * tree path's, word for word.
 */
final class EventStream {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private EventStream() {
    }

    /** The record's fields, or null when the tree path must decide. */
    static @Nullable EventFields read(byte[] record) {
        try (JsonParser parser = EventReader.JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            EventFields fields = new EventFields();
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                if (name.equals("specversion")) {
                    return null;
                }
                // An unknown field is read all the same (and dropped), as the tree reads it.
                fields.set(name, value(parser, parser.nextToken()));
            }
            return parser.nextToken() == null ? fields : null;
        } catch (JacksonException | IllegalStateException | NumberFormatException e) {
            // Malformed: the tree path reads it again and words the verdict.
            return null;
        }
    }

    private static @Nullable Object value(JsonParser parser, @Nullable JsonToken token) {
        if (token == null) {
            throw new IllegalStateException("the parser ended inside a value");
        }
        return switch (token) {
            case VALUE_STRING -> parser.getString();
            case VALUE_NUMBER_INT -> integer(parser);
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_NULL -> null;
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            default -> EventFields.OTHER;
        };
    }

    private static Object integer(JsonParser parser) {
        if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        BigInteger value = parser.getBigIntegerValue();
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0 ? (Object) value.longValue() : value;
    }

    private static Map<String, @Nullable Object> object(JsonParser parser) {
        Map<String, @Nullable Object> object = new LinkedHashMap<>();
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            object.put(name, value(parser, parser.nextToken()));
        }
        return object;
    }

    private static Object array(JsonParser parser) {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            value(parser, token);
        }
        return EventFields.OTHER;
    }
}
