package dev.tokenmeter.deploy.replay;

import dev.tokenmeter.process.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The optional fix-up of each selected value before it is replayed: top-level field edits in the order
 * given, then an external command (the value on its stdin, the fixed value from its stdout).
 *
 * @param edits          {@code --set}, {@code --set-json} and {@code --drop-field}, in order
 * @param command        {@code --fix-command}, run with {@code sh -c}; null for none
 * @param commandTimeout how long the command may take for one value
 */
record FixUp(List<Edit> edits, @Nullable String command, Duration commandTimeout) {

    /** Keeps decimals such as {@code costUsd} exact when an edited value is written back. */
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    static final FixUp NONE = new FixUp(List.of(), null, Duration.ofSeconds(10));

    /** One top-level field edit. */
    sealed interface Edit {
        String field();
    }

    /** Sets {@code field} to {@code value} (a string for {@code --set}, any JSON for {@code --set-json}). */
    record SetField(String field, JsonNode value) implements Edit {
    }

    /** Removes {@code field} when present. */
    record DropField(String field) implements Edit {
    }

    /** What became of one value. */
    sealed interface Outcome {
    }

    record Fixed(byte[] value) implements Outcome {
    }

    record Skipped(Skip why, String detail) implements Outcome {
    }

    boolean changesValues() {
        return !edits.isEmpty() || command != null;
    }

    Outcome apply(byte[] value) {
        byte[] fixed = value;
        if (!edits.isEmpty()) {
            JsonNode node;
            try {
                node = JSON.readTree(value);
            } catch (JacksonException e) {
                return new Skipped(Skip.NOT_A_JSON_OBJECT, "not JSON: " + e.getOriginalMessage());
            }
            if (!(node instanceof ObjectNode object)) {
                return new Skipped(Skip.NOT_A_JSON_OBJECT, "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            for (Edit edit : edits) {
                if (edit instanceof SetField set) {
                    object.set(set.field(), set.value());
                } else {
                    object.remove(edit.field());
                }
            }
            fixed = JSON.writeValueAsBytes(object);
        }
        return command == null ? new Fixed(fixed) : run(command, fixed);
    }

    private Outcome run(String command, byte[] value) {
        Process process;
        try {
            process = new ProcessBuilder("sh", "-c", command).start();
        } catch (IOException e) {
            return new Skipped(Skip.FIX_COMMAND_FAILED, "cannot start sh -c '" + command + "': " + e.getMessage());
        }
        // Both pipes are drained while the command runs, so neither side blocks on a full pipe buffer.
        CompletableFuture<Void> input = CompletableFuture.runAsync(() -> write(process.getOutputStream(), value));
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            if (!Processes.awaitOrKill(process, commandTimeout)) {
                return new Skipped(Skip.FIX_COMMAND_FAILED, Thread.currentThread().isInterrupted()
                        ? "interrupted"
                        : "took longer than " + commandTimeout.toMillis() + " ms (--fix-timeout)");
            }
            input.get();
            byte[] out = output.get();
            if (process.exitValue() != 0) {
                return new Skipped(Skip.FIX_COMMAND_FAILED, "exit code " + process.exitValue() + ": " + firstLine(errors.get()));
            }
            byte[] trimmed = trimEnd(out);
            return trimmed.length == 0 ? new Skipped(Skip.FIX_COMMAND_DROPPED, "no output") : new Fixed(trimmed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Skipped(Skip.FIX_COMMAND_FAILED, "interrupted");
        } catch (ExecutionException e) {
            return new Skipped(Skip.FIX_COMMAND_FAILED, String.valueOf(e.getCause()));
        }
    }

    private static void write(OutputStream stdin, byte[] value) {
        try (stdin) {
            stdin.write(value);
        } catch (IOException e) {
            // The command closed its stdin early (it needs none, or failed); its exit code tells.
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** {@code jq -c} and most tools end their output with a newline, which is not part of the value. */
    private static byte[] trimEnd(byte[] out) {
        int end = out.length;
        while (end > 0 && (out[end - 1] == '\n' || out[end - 1] == '\r' || out[end - 1] == ' ' || out[end - 1] == '\t')) {
            end--;
        }
        return Arrays.copyOf(out, end);
    }

    private static String firstLine(byte[] stderr) {
        String text = new String(stderr, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        return text.isEmpty() ? "(nothing on stderr)" : newline < 0 ? text : text.substring(0, newline);
    }
}
