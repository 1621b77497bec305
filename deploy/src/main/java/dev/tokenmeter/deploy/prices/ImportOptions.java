package dev.tokenmeter.deploy.prices;

import dev.tokenmeter.deploy.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The flags of {@code deploy/price-import}.
 *
 * @param key the API key: an admin key of the tenant, or the operator key with {@code tenant}
 */
record ImportOptions(URI url, String key, @Nullable String tenant, Path file, @Nullable String format, String effectiveFrom,
        boolean dryRun, boolean verbose, boolean help) {

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
        String url = "http://localhost:8080";
        String key = env.get("TOKENMETER_KEY");
        String tenant = null;
        String file = null;
        String format = null;
        String effectiveFrom = null;
        boolean dryRun = false;
        boolean verbose = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--help", "-h" -> {
                    return new ImportOptions(URI.create(url), "", null, Path.of("."), null, "", false, false, true);
                }
                case "--dry-run" -> dryRun = true;
                case "--verbose" -> verbose = true;
                case "--url" -> url = value(args, ++i, arg);
                case "--key" -> key = value(args, ++i, arg);
                case "--tenant" -> tenant = value(args, ++i, arg);
                case "--file" -> file = value(args, ++i, arg);
                case "--format" -> format = value(args, ++i, arg);
                case "--effective-from" -> effectiveFrom = value(args, ++i, arg);
                default -> throw new UsageException("unknown flag " + arg);
            }
        }
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
        return new ImportOptions(uri, key, tenant, Path.of(file), format, effectiveFrom, dryRun, verbose, false);
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new UsageException(flag + " needs a value");
        }
        return args.get(i);
    }
}
