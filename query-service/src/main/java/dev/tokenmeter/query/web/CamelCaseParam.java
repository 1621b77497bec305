package dev.tokenmeter.query.web;

import java.util.Locale;

/**
 * An allow-list enum whose spelling in the API (a query parameter's value, a request body's value) is its constant's
 * name in camel case: {@code API_KEY} is {@code apiKey}, {@code COST} is {@code cost}. Look a value up with
 * {@link BadParameter#oneOf}.
 */
public interface CamelCaseParam {

    /** Implemented by every enum constant. */
    String name();

    /** The constant's name in camel case: its words lower case, every word after the first capitalised. */
    default String param() {
        String name = name().toLowerCase(Locale.ROOT);
        StringBuilder camel = new StringBuilder(name.length());
        boolean wordStart = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                wordStart = true;
            } else {
                camel.append(wordStart ? Character.toUpperCase(c) : c);
                wordStart = false;
            }
        }
        return camel.toString();
    }
}
