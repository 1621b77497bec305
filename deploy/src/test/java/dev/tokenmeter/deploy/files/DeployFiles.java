package dev.tokenmeter.deploy.files;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    /**
     * The classpath the deploy scripts run with ({@code deploy/local/start}, {@code deploy/dlq-replay}): the module's
     * jar and its dependencies in target/lib, as {@code ./mvnw verify} packages them before the integration tests.
     */
    public static String classpath() {
        Path target = module().resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("tokenmeter-deploy-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().contains("-tests") && !f.getFileName().toString().contains("-sources"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(
                            "target/tokenmeter-deploy-*.jar is missing: run this test with ./mvnw verify (after package)"));
            return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
