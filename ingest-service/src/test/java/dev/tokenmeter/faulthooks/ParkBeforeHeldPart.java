package dev.tokenmeter.faulthooks;

import dev.tokenmeter.ingest.pipeline.BeforeHeldPartHook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Parks every batch that stored its first transaction's events (at least one of them new) and holds events back
 * for its second transaction, right before that second transaction, for good: the process then has a batch half
 * stored and its offsets uncommitted, and a test kills it there. Each batch parked appends one line
 * {@code parked stored=<new events of the first part> held=<held events>} to {@code tokenmeter.fault-hooks.parked-file},
 * which tells the test the moment has come. Batches whose first part stored nothing new go on.
 */
@Configuration(proxyBeanMethods = false)
public class ParkBeforeHeldPart {

    @Bean
    BeforeHeldPartHook parkingHook(@Value("${tokenmeter.fault-hooks.parked-file}") String parkedFile) {
        Path file = Path.of(parkedFile);
        return (first, held) -> first.persisted() == 0
                ? Mono.empty()
                : Mono.fromRunnable(() -> append(file, "parked stored=" + first.persisted() + " held=" + held + "\n"))
                        .then(Mono.never());
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
