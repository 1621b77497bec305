package dev.tokenmeter.deploy.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Where the deploy files are, and reading them. */
public final class DeployFiles {

    private DeployFiles() {
    }

    /** The deploy module's directory: Maven runs tests there. */
    public static Path module() {
        return Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
    }

    public static Path repository() {
        return module().getParent();
    }

    public static Path prometheus() {
        return module().resolve("prometheus");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The single YAML document of a file, as maps and lists. */
    public static Map<String, Object> yaml(Path file) {
        return map(newYaml().load(read(file)));
    }

    /** Every YAML document of a file ({@code ---} separated), empty ones skipped. */
    public static List<Map<String, Object>> yamlDocuments(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : newYaml().loadAll(read(file))) {
            if (document != null) {
                documents.add(map(document));
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError("expected a YAML mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Object value) {
        if (!(value instanceof List<?>)) {
            throw new AssertionError("expected a YAML sequence, got " + value);
        }
        return (List<Object>) value;
    }

    private static Yaml newYaml() {
        // Merge keys (<<: *anchor) as Compose reads them.
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }
}
