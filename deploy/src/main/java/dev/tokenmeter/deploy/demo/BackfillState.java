package dev.tokenmeter.deploy.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The demo's memory in the data directory ({@code demo/backfill.properties}). A backfill cut short
 * is published again with the same anchor, seed and ids: the events are identical, so the ingest
 * service counts each once.
 *
 * @param anchor    the history ends here
 * @param published whether every event of the history was acknowledged by the broker
 */
record BackfillState(Instant anchor, int events, long seed, boolean published) {

    private static final String FILE = "backfill.properties";

    static @Nullable BackfillState load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return new BackfillState(Instant.parse(properties.getProperty("anchor")),
                Integer.parseInt(properties.getProperty("events")),
                Long.parseLong(properties.getProperty("seed")),
                Boolean.parseBoolean(properties.getProperty("published")));
    }

    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties properties = new Properties();
        properties.setProperty("anchor", anchor.toString());
        properties.setProperty("events", Integer.toString(events));
        properties.setProperty("seed", Long.toString(seed));
        properties.setProperty("published", Boolean.toString(published));
        try (Writer writer = Files.newBufferedWriter(dir.resolve(FILE))) {
            properties.store(writer, "Demo history of deploy/local/start; delete this file to publish it again");
        }
    }

    BackfillState asPublished() {
        return new BackfillState(anchor, events, seed, true);
    }
}
