package dev.tokenmeter.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The secrets of the local stack. Generated ones are kept in {@code <data-dir>/keys.properties}
 * (readable by the owner only) so a restart keeps them valid.
 *
 * @param operator         the operator key: reads any tenant through the query API
 * @param operatorFromEnv  whether {@code TOKENMETER_OPERATOR_KEY} chose it
 * @param demoIngest       the HTTP ingest key of tenant {@code demo}
 * @param demoViewer       a viewer key of tenant {@code demo} for the dashboard, in the shape the
 *                         query service issues ({@code tm_} and 32 characters)
 * @param demoViewerId     its key id
 */
record Keys(String operator, boolean operatorFromEnv, String demoIngest, String demoViewer, String demoViewerId) {

    static final String DEMO_TENANT = "demo";

    static Keys load(Path file, @Nullable String operatorFromEnv) throws StartupException {
        Properties stored = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    stored.load(reader);
                }
            }
            String operator = stored.getProperty("operator", generate("tm_op_"));
            String ingest = stored.getProperty("ingest.demo", generate("tm_ingest_"));
            String viewer = stored.getProperty("viewer.demo", "tm_" + hex(16));
            String viewerId = stored.getProperty("viewer.demo.id", "key_" + hex(8));
            stored.setProperty("operator", operator);
            stored.setProperty("ingest.demo", ingest);
            stored.setProperty("viewer.demo", viewer);
            stored.setProperty("viewer.demo.id", viewerId);
            save(file, stored);
            return new Keys(operatorFromEnv != null ? operatorFromEnv : operator, operatorFromEnv != null, ingest, viewer, viewerId);
        } catch (IOException e) {
            throw new StartupException("Cannot read or write " + file + ": " + e, e);
        }
    }

    private static void save(Path file, Properties keys) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
        }
        try (Writer writer = Files.newBufferedWriter(file)) {
            keys.store(writer, "Generated keys of the local stack (deploy/local/start)");
        }
    }

    private static String generate(String prefix) {
        return prefix + hex(20);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
