package dev.tokenmeter.deploy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class of the launcher up front. {@code ./mvnw package} rewrites the launcher's jar in
 * place while the stack may be running; classes first needed after that (the whole shutdown path)
 * would then fail to load, and Ctrl-C would leave children behind.
 */
final class OwnClasses {

    private OwnClasses() {
    }

    /** The launcher's jar (or classes directory). */
    static Path location() {
        try {
            return Path.of(OwnClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the launcher's own jar", e);
        }
    }

    static void load() {
        try {
            Path location = location();
            if (!Files.isRegularFile(location)) {
                return; // run from target/classes (an IDE): nothing rewrites those in place
            }
            List<String> names;
            try (JarFile jar = new JarFile(location.toFile())) {
                names = jar.stream()
                        .map(JarEntry::getName)
                        .filter(name -> name.startsWith("dev/tokenmeter/deploy/") && name.endsWith(".class"))
                        .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                        .toList();
            }
            for (String name : names) {
                Class.forName(name, false, OwnClasses.class.getClassLoader());
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot read the launcher's own jar", e);
        }
    }
}
