package dev.tokenmeter.deploy.prices;

import dev.tokenmeter.deploy.Command;
import dev.tokenmeter.deploy.Console;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/price-import}: posts a price file to {@code POST /api/v1/prices/import} and prints the
 * diff. See {@link ImportOptions#USAGE}.
 */
public final class PriceImportCli {

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private PriceImportCli() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), Console::line, Console::error));
    }

    /** A place lines go: the console, or a test's list. */
    public interface Out {
        void line(String text);
    }

    /** Runs the command and answers its exit code; {@code out} gets the diff, {@code err} the failures. */
    public static int run(List<String> args, Map<String, String> env, Out out, Out err) {
        return Command.run(() -> ImportOptions.parse(args, env), ImportOptions.USAGE, out::line, err::line,
                options -> importPrices(options, out, err));
    }

    private static int importPrices(ImportOptions options, Out out, Out err) {
        try {
            diff(answer(send(options, read(options.file()))), options.verbose()).forEach(out::line);
            return 0;
        } catch (Failure e) {
            err.line(e.reason);
            return e.exitCode;
        }
    }

    /** Why the command stopped, with its exit code: 2 for a file it cannot read, 1 for the service. */
    private static final class Failure extends Exception {

        private final int exitCode;
        private final String reason;

        Failure(int exitCode, String reason) {
            super(reason, null, false, false);
            this.exitCode = exitCode;
            this.reason = reason;
        }
    }

    private static byte[] read(Path file) throws Failure {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Failure(2, "No such file: " + file);
        } catch (IOException e) {
            throw new Failure(2, "Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static HttpResponse<String> send(ImportOptions options, byte[] file) throws Failure {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            return client.send(request(options, file), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException e) {
            throw new Failure(1, "Cannot reach the query service at " + options.url() + " (is it running? --url)");
        } catch (IOException e) {
            throw new Failure(1, "The request to " + options.url() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(1, "Interrupted while waiting for " + options.url());
        }
    }

    /** The diff the service answered; anything but a 200 with JSON is a failure naming what came back. */
    private static JsonNode answer(HttpResponse<String> response) throws Failure {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new Failure(1, "HTTP " + response.statusCode() + " with a body that is not JSON: " + abbreviate(response.body()));
        }
        if (response.statusCode() != 200) {
            throw new Failure(1, "Refused (HTTP " + response.statusCode() + "): "
                    + body.path("detail").asString(abbreviate(response.body())));
        }
        return body;
    }

    static HttpRequest request(ImportOptions options, byte[] file) {
        StringBuilder query = new StringBuilder("effectiveFrom=").append(encode(options.effectiveFrom()))
                .append("&dryRun=").append(options.dryRun());
        if (options.format() != null) {
            query.append("&format=").append(encode(options.format()));
        }
        if (options.tenant() != null) {
            query.append("&tenant=").append(encode(options.tenant()));
        }
        return HttpRequest.newBuilder(URI.create(options.url() + "/api/v1/prices/import?" + query))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + options.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build();
    }

    /** The answer as lines: a summary, then {@code +} added, {@code ~} changed, {@code =} unchanged, {@code -} skipped. */
    static List<String> diff(JsonNode result, boolean verbose) {
        List<String> lines = new ArrayList<>();
        JsonNode counts = result.path("counts");
        boolean dryRun = result.path("dryRun").booleanValue();
        lines.add((dryRun ? "Dry run, nothing saved" : "Saved") + ": " + result.path("format").asString() + " prices from "
                + result.path("effectiveFrom").asString() + ": " + counts.path("added").intValue() + " added, "
                + counts.path("changed").intValue() + " changed, " + counts.path("unchanged").intValue() + " unchanged, "
                + counts.path("skipped").intValue() + " skipped");
        for (JsonNode item : result.path("added")) {
            lines.add("+ " + name(item) + "  " + prices(item.path("prices")));
        }
        for (JsonNode item : result.path("changed")) {
            JsonNode before = item.path("before");
            lines.add("~ " + name(item) + "  " + prices(item.path("prices")) + "  (was input " + before.path("input").decimalValue()
                    .toPlainString() + ", output " + before.path("output").decimalValue().toPlainString() + ", "
                    + before.path("source").asString() + " from " + before.path("effectiveFrom").asString() + ")");
        }
        if (verbose) {
            for (JsonNode item : result.path("unchanged")) {
                lines.add("= " + name(item));
            }
        }
        for (JsonNode skipped : result.path("skipped")) {
            lines.add("- " + skipped.path("key").asString() + ": " + skipped.path("reason").asString());
        }
        return lines;
    }

    private static String name(JsonNode item) {
        return item.path("provider").asString() + "/" + item.path("model").asString();
    }

    /** {@code input 0.3 (raw 3.0000000000000004E-7, rounded), output 1.2} */
    private static String prices(JsonNode prices) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> price : prices.properties()) {
            JsonNode amount = price.getValue();
            String text = price.getKey() + " " + amount.path("perMillion").decimalValue().toPlainString();
            if (amount.path("rounded").booleanValue()) {
                text += " (raw " + amount.path("raw").asString() + ", rounded)";
            }
            parts.add(text);
        }
        return String.join(", ", parts);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
