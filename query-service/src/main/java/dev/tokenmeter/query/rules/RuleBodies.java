package dev.tokenmeter.query.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tokenmeter.query.budget.AlertInputs;
import dev.tokenmeter.query.budget.ChannelBody;
import dev.tokenmeter.query.budget.Scoped;
import dev.tokenmeter.query.web.CrossFieldRules;
import dev.tokenmeter.query.web.CrossFieldRules.Mistake;
import dev.tokenmeter.query.web.IanaZone;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bodies of {@code POST}/{@code PUT} on {@code /rules}, {@code /anomalies} and {@code /digests}: {@code name},
 * {@code scope} and {@code channels} as budgets take them, and the kind's own settings at the top level (GET answers
 * the same fields plus id, tenant, kind, createdAt, updatedAt, which may be sent back and are ignored). A mistake is a
 * 400 naming the field. The stored settings ({@link RuleSpec#view()}) have the shape of the kind's fields and are read
 * back by the same records ({@link #stored}).
 */
final class RuleBodies {

    static final Duration MIN_WINDOW = Duration.ofMinutes(5);
    static final Duration MAX_WINDOW = Duration.ofDays(1);
    private static final String SCOPE = "The contract's filters, each a string or a list of strings: provider, model, project, apiKey, "
            + "endpoint, status, user, serviceTier, tag.<key>; {} or absent is the whole tenant";
    private static final String CHANNELS = "Webhooks and email recipients, as for budgets; at most 10";
    private static final String MEASURE_RULE = "is required: errorRate, p95LatencyMs, requests, tokensPerRequest, unpricedRequests or costUsd";
    private static final String WINDOW_RULE = "is required: whole minutes from 5m to 1d, e.g. 15m, 1h or 1d";
    private static final JsonMapper STORED = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private RuleBodies() {
    }

    /** What every kind's body has. */
    interface RuleBody extends Scoped {

        String name();

        @Nullable
        List<ChannelBody> channels();

        @Nullable
        Boolean enabled();

        /** The kind's settings, with their defaults; call it on a body its constraints passed. */
        RuleSpec toSpec();
    }

    /** The kind's settings from what {@link RuleSpec#view()} stored: the kind's fields of its body, read by its record. */
    static RuleSpec stored(Rule.Kind kind, String json) {
        Class<? extends RuleBody> type = switch (kind) {
            case USAGE -> UsageRule.class;
            case ANOMALY -> AnomalyWatch.class;
            case DIGEST -> Digest.class;
        };
        return STORED.readValue(json, type).toSpec();
    }

    @Schema(name = "UsageRuleRequest")
    @JsonIgnoreProperties({"id", "tenant", "kind", "createdAt", "updatedAt", "state"})
    @CrossFieldRules
    record UsageRule(
            @Schema(maxLength = AlertInputs.MAX_NAME) @NotBlank(message = AlertInputs.NAME_RULE) @Size(max = AlertInputs.MAX_NAME, message = AlertInputs.NAME_RULE) @Pattern(regexp = AlertInputs.NO_CONTROL, message = AlertInputs.NAME_RULE) String name,
            @Schema(description = SCOPE, example = "{\"project\": [\"support-bot\"]}") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable Map<String, List<String>> scope,
            @Schema(defaultValue = "true") @Nullable Boolean enabled,
            @Schema(description = CHANNELS) @Size(max = AlertInputs.MAX_CHANNELS, message = "must be a list of at most 10 webhooks") @Nullable List<@NotNull(message = "must be an object {url, secret, format}") @Valid ChannelBody> channels,
            @Schema(example = "15m", description = "How far back each evaluation looks: whole minutes from 5m to 1d (5m, 15m, 1h, 1d)") @NotNull(message = WINDOW_RULE) String window,
            @Schema(allowableValues = {
                    "errorRate", "p95LatencyMs", "requests", "tokensPerRequest", "unpricedRequests",
                    "costUsd"}, description = "errorRate is 0-1 (errors and timeouts per request)") @NotNull(message = MEASURE_RULE) @Pattern(regexp = "errorRate|p95LatencyMs|requests|tokensPerRequest|unpricedRequests|costUsd", message = MEASURE_RULE) String measure,
            @Schema(allowableValues = {"above",
                    "below"}, defaultValue = "above", description = "above: fires when the measure is greater than the threshold; below: less than") @Pattern(regexp = "above|below", message = "must be above or below") @Nullable String comparison,
            @Schema(example = "0.05", description = "0-1 for errorRate, else at least 0 (at most 1e12)") @NotNull(message = "is required: a number (0-1 for errorRate, else at least 0)") BigDecimal threshold,
            @Schema(description = "Resolves only when the measure is back at or below it (above) / at or above it (below); "
                    + "defaults to the threshold. Between the two nothing changes (hysteresis)") @Nullable BigDecimal clearThreshold,
            @Schema(description = "Consecutive evaluations past the clear threshold before resolving, 1-100", defaultValue = "1") @Min(value = 1, message = "must be a number from 1 to 100, a whole one") @Max(value = 100, message = "must be a number from 1 to 100, a whole one") @Nullable Integer clearAfter)
            implements
                RuleBody {

        @Override
        public RuleSpec toSpec() {
            RuleSpec.Comparison direction = "below".equals(comparison) ? RuleSpec.Comparison.BELOW : RuleSpec.Comparison.ABOVE;
            return new RuleSpec.Usage(Objects.requireNonNull(window(window)), Objects.requireNonNull(Measure.fromCode(measure)), direction,
                    threshold, clearThreshold == null ? threshold : clearThreshold, clearAfter == null ? 1 : clearAfter);
        }

        /** The window, or null when it is not whole minutes from 5m to 1d. */
        static @Nullable Duration window(String text) {
            try {
                Duration window = DurationStyle.detectAndParse(text);
                return window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0 || window.toSeconds() % 60 != 0 ? null : window;
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /** The scope, the window, and the threshold and clear threshold in the measure's range and on the right side of each other. */
        @Override
        public @Nullable Mistake firstMistake() {
            Mistake scope = scopeMistake();
            if (scope != null) {
                return scope;
            }
            if (window != null && window(window) == null) {
                return Mistake.on("window", WINDOW_RULE);
            }
            BigDecimal max = "errorRate".equals(measure) ? BigDecimal.ONE : new BigDecimal("1000000000000");
            String range = "must be a number from 0 to " + max.toPlainString();
            if (threshold != null && (threshold.signum() < 0 || threshold.compareTo(max) > 0)) {
                return Mistake.on("threshold", range);
            }
            if (clearThreshold == null || threshold == null) {
                return null;
            }
            if (clearThreshold.signum() < 0 || clearThreshold.compareTo(max) > 0) {
                return Mistake.on("clearThreshold", range);
            }
            boolean below = "below".equals(comparison);
            if (below ? clearThreshold.compareTo(threshold) < 0 : clearThreshold.compareTo(threshold) > 0) {
                return Mistake.on("clearThreshold", below
                        ? "must not be below the threshold: the rule resolves when the measure is back at or above it"
                        : "must not be above the threshold: the rule resolves when the measure is back at or below it");
            }
            return null;
        }
    }

    @Schema(name = "AnomalyWatchRequest")
    @JsonIgnoreProperties({"id", "tenant", "kind", "createdAt", "updatedAt", "state"})
    @CrossFieldRules
    record AnomalyWatch(
            @Schema(maxLength = AlertInputs.MAX_NAME) @NotBlank(message = AlertInputs.NAME_RULE) @Size(max = AlertInputs.MAX_NAME, message = AlertInputs.NAME_RULE) @Pattern(regexp = AlertInputs.NO_CONTROL, message = AlertInputs.NAME_RULE) String name,
            @Schema(description = SCOPE
                    + "; e.g. one project", example = "{\"project\": [\"support-bot\"]}") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable Map<String, List<String>> scope,
            @Schema(defaultValue = "true") @Nullable Boolean enabled,
            @Schema(description = CHANNELS) @Size(max = AlertInputs.MAX_CHANNELS, message = "must be a list of at most 10 webhooks") @Nullable List<@NotNull(message = "must be an object {url, secret, format}") @Valid ChannelBody> channels,
            @Schema(allowableValues = {
                    "day",
                    "hour"}, defaultValue = "day", description = "day: today's spend so far against the same weekday up to the same time; hour: this hour so far") @Pattern(regexp = "day|hour", message = "must be day (today so far) or hour (this hour so far)") @Nullable String granularity,
            @Schema(description = "IANA zone of the day boundaries", defaultValue = "UTC") @IanaZone @Nullable String tz,
            @Schema(description = "Alert above mean + k x spread of the last 4 weeks (0.5-20)", defaultValue = "3") @DecimalMin(value = "0.5", message = "must be a number from 0.5 to 20") @DecimalMax(value = "20", message = "must be a number from 0.5 to 20") @Nullable BigDecimal k,
            @Schema(description = "Never alert below this spend in USD", defaultValue = "10") @DecimalMin(value = "0", message = "must be a number from 0 to 1000000000") @DecimalMax(value = "1000000000", message = "must be a number from 0 to 1000000000") @Nullable BigDecimal minSpendUsd)
            implements
                RuleBody {

        @Override
        public RuleSpec toSpec() {
            return new RuleSpec.Anomaly("hour".equals(granularity) ? RuleSpec.Anomaly.Granularity.HOUR : RuleSpec.Anomaly.Granularity.DAY,
                    ZoneId.of(tz == null ? "UTC" : tz), k == null ? new BigDecimal("3") : k,
                    minSpendUsd == null ? BigDecimal.TEN : minSpendUsd);
        }
    }

    @Schema(name = "DigestRequest")
    @JsonIgnoreProperties({"id", "tenant", "kind", "createdAt", "updatedAt", "state"})
    @CrossFieldRules
    record Digest(
            @Schema(maxLength = AlertInputs.MAX_NAME) @NotBlank(message = AlertInputs.NAME_RULE) @Size(max = AlertInputs.MAX_NAME, message = AlertInputs.NAME_RULE) @Pattern(regexp = AlertInputs.NO_CONTROL, message = AlertInputs.NAME_RULE) String name,
            @Schema(description = SCOPE) @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable Map<String, List<String>> scope,
            @Schema(defaultValue = "true") @Nullable Boolean enabled,
            @Schema(description = CHANNELS) @Size(max = AlertInputs.MAX_CHANNELS, message = "must be a list of at most 10 webhooks") @Nullable List<@NotNull(message = "must be an object {url, secret, format}") @Valid ChannelBody> channels,
            @Schema(allowableValues = {
                    "daily",
                    "weekly"}, defaultValue = "weekly", description = "daily: yesterday vs the day before; weekly: the 7 days before the send day vs the 7 before those") @Pattern(regexp = "daily|weekly", message = "must be daily or weekly") @Nullable String cadence,
            @Schema(description = "Weekday of a weekly digest", defaultValue = "monday") @Pattern(regexp = "monday|tuesday|wednesday|thursday|friday|saturday|sunday", flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be a weekday: monday ... sunday") @Nullable String day,
            @Schema(description = "Local send time HH:MM", defaultValue = "09:00") @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?", message = "must be a local time HH:MM, e.g. 09:00") @Nullable String at,
            @Schema(description = "IANA zone of the send time and the period's days", defaultValue = "UTC", example = "Europe/Berlin") @IanaZone @Nullable String tz,
            @Schema(description = "How many projects and how many models to list as top movers, 0-20", defaultValue = "5") @Min(value = 0, message = "must be a number from 0 to 20, a whole one") @Max(value = 20, message = "must be a number from 0 to 20, a whole one") @Nullable Integer topMovers)
            implements
                RuleBody {

        @Override
        public RuleSpec toSpec() {
            return new RuleSpec.Digest("daily".equals(cadence) ? RuleSpec.Digest.Cadence.DAILY : RuleSpec.Digest.Cadence.WEEKLY,
                    day == null ? DayOfWeek.MONDAY : DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                    at == null ? LocalTime.of(9, 0) : LocalTime.parse(at), ZoneId.of(tz == null ? "UTC" : tz),
                    topMovers == null ? 5 : topMovers);
        }
    }
}
