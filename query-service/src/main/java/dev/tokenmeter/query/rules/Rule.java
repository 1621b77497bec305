package dev.tokenmeter.query.rules;

import dev.tokenmeter.wire.LowerCaseCode;
import dev.tokenmeter.wire.WireNames;
import dev.tokenmeter.query.usage.Filters;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A usage rule, anomaly watch or digest of a tenant.
 *
 * @param scope the contract's filters by parameter name ({@code project}, {@code tag.env}, ...); empty: the whole tenant
 */
record Rule(String id, String tenant, Kind kind, String name, Map<String, List<String>> scope, RuleSpec spec,
        List<RuleChannel> channels, boolean enabled, Instant createdAt, Instant updatedAt) {

    enum Kind implements LowerCaseCode {
        /** A measure over a window crossing a threshold ({@code /rules}). */
        USAGE("rules"),
        /** Spend against its baseline ({@code /anomalies}). */
        ANOMALY("anomalies"),
        /** A periodic summary ({@code /digests}). */
        DIGEST("digests");

        private final String path;

        Kind(String path) {
            this.path = path;
        }

        /** The collection under {@code /api/v1}. */
        String path() {
            return path;
        }

        static Kind fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }

        static Kind fromPath(String path) {
            return WireNames.find(values(), Kind::path, path)
                    .orElseThrow(() -> new IllegalArgumentException("No rule collection " + path));
        }
    }

    Filters filters() {
        LinkedMultiValueMap<String, String> params = new LinkedMultiValueMap<>();
        scope.forEach(params::addAll);
        return Filters.from(params);
    }
}
