package dev.tokenmeter.deploy.prices;

import dev.tokenmeter.deploy.Command;
import dev.tokenmeter.deploy.Flags;
import dev.tokenmeter.deploy.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The flags of {@code deploy/price-import}.
 *
 * @param key the API key: an admin key of the tenant, or the operator key with {@code tenant}
 */
record ImportOptions(URI url, String key, @Nullable String tenant, Path file, @Nullable String format, String effectiveFrom,
        boolean dryRun, boolean verbose, boolean help) implements Command.Parsed {

    static final String USAGE = """
            Usage: deploy/price-import --file FILE --effective-from DATE [--dry-run] [--format litellm|genai-prices]
                                      [--url URL] [--key KEY] [--tenant TENANT] [--verbose] [--help]
              --file FILE            LiteLLM's model_prices_and_context_window.json or genai-prices' data.json
              --effective-from DATE  from when the prices apply: YYYY-MM-DD (midnight UTC) or an RFC 3339 instant
              --dry-run              show the diff, save nothing (without it, added and changed prices are saved)
              --format F             litellm or genai-prices (default: told by the file's shape)
              --url URL              the query service (default http://localhost:8080, the local stack's)
              --key KEY              an admin key, or the operator key with --tenant (default: $TOKENMETER_KEY)
              --tenant TENANT        the tenant to import for (operator key only)
              --verbose              also list the unchanged models
            Exit code 0 when the service answered the diff, 1 when it refused or could not be reached, 2 for bad flags.""";

    static ImportOptions parse(List<String> args, Map<String, String> env) {
        Flags flags = Flags.read(args, Set.of("--help", "--dry-run", "--verbose"),
                Set.of("--url", "--key", "--tenant", "--file", "--format", "--effective-from"));
        String url = flags.value("--url", "http://localhost:8080", Function.identity());
        if (flags.has("--help")) {
            return new ImportOptions(URI.create(url), "", null, Path.of("."), null, "", false, false, true);
        }
        String key = flags.valueOrNull("--key", Function.identity());
        if (key == null) {
            key = env.get("TOKENMETER_KEY");
        }
        String file = flags.valueOrNull("--file", Function.identity());
        String format = flags.valueOrNull("--format", Function.identity());
        String effectiveFrom = flags.valueOrNull("--effective-from", Function.identity());
        if (file == null) {
            throw new UsageException("--file is required");
        }
        if (effectiveFrom == null) {
            throw new UsageException("--effective-from is required");
        }
        if (key == null || key.isBlank()) {
            throw new UsageException("--key (or TOKENMETER_KEY) is required");
        }
        if (format != null && !format.equals("litellm") && !format.equals("genai-prices")) {
            throw new UsageException("--format must be litellm or genai-prices");
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new UsageException("--url must be an http or https URL");
        }
        return new ImportOptions(uri, key, flags.valueOrNull("--tenant", Function.identity()), Path.of(file), format,
                effectiveFrom, flags.has("--dry-run"), flags.has("--verbose"), false);
    }
}
