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
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder camel = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return camel.toString();
    }
}
