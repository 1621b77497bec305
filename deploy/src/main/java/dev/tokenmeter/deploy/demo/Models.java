package dev.tokenmeter.deploy.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The models of the demo, from the table {@code models.csv} beside this class: all in the built-in price catalog
 * (core's {@code pricing/catalog.json}); the embedding model's events also report their cost themselves (at the
 * catalog's $0.02 per 1M tokens), so the demo shows provider-reported costs beside computed ones.
 */
final class Models {

    static final String OPENAI = "openai";
    static final String ANTHROPIC = "anthropic";
    static final String GOOGLE = "google";

    private static final Map<String, ModelProfile> BY_NAME = read();

    private Models() {
    }

    /** The demo's model of that name. */
    static ModelProfile named(String model) {
        ModelProfile profile = BY_NAME.get(model);
        if (profile == null) {
            throw new IllegalArgumentException("The demo has no model " + model + "; add it to models.csv");
        }
        return profile;
    }

    private static Map<String, ModelProfile> read() {
        Map<String, ModelProfile> models = new LinkedHashMap<>();
        try (InputStream in = Objects.requireNonNull(Models.class.getResourceAsStream("models.csv"), "models.csv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
                String[] f = line.split(",", -1);
                models.put(f[1], new ModelProfile(f[0], f[1], ModelProfile.Kind.valueOf(f[2].toUpperCase(Locale.ROOT)),
                        Integer.parseInt(f[3]), Double.parseDouble(f[4]), Integer.parseInt(f[5]),
                        f[6].isEmpty() ? null : new BigDecimal(f[6])));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return models;
    }
}
