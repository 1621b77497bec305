package dev.tokenmeter.query.web;

import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Names the field of a JSON request body that could not be read, as a {@link BadParameter}: as Bean
 * Validation's errors name them, {@code channels[0].url}, {@code thresholds[1]}; a map's key is a property,
 * {@code scope.project}.
 */
final class RequestBodyErrors {

    private RequestBodyErrors() {
    }

    static BadParameter of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else {
                path.append('[').append(reference.getIndex() >= 0 ? Integer.toString(reference.getIndex()) : "?").append(']');
            }
        }
        String field = path.toString();
        if (field.isEmpty()) {
            return new BadParameter("body", "is not a JSON object of this request: " + firstLine(e.getOriginalMessage()));
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new BadParameter(field, "is not a field of this request; known fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
        return new BadParameter(field, "has the wrong type: " + firstLine(e.getOriginalMessage()));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
