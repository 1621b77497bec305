package dev.tokenmeter.query.rules;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The bodies of {@code POST}/{@code PUT} on {@code /rules}, {@code /anomalies} and {@code /digests} as the
 * OpenAPI document shows them (GET answers the same fields plus id, tenant, kind, createdAt, updatedAt). Only
 * descriptions: {@link RuleRequest} reads and checks a body itself, so every mistake is a 400 naming its field.
 */
final class RuleBodies {

    private RuleBodies() {
    }

    private static final String SCOPE = "The contract's filters, each a string or a list of strings: provider, model, project, apiKey, "
            + "endpoint, status, user, tag.<key>; {} or absent is the whole tenant";

    @Schema(name = "UsageRuleRequest")
    record UsageRule(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128) String name,
            @Schema(description = SCOPE, example = "{\"project\": [\"support-bot\"]}") @Nullable Map<String, List<String>> scope,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "15m", description = "How far back each evaluation looks: whole minutes from 5m to 1d (5m, 15m, 1h, 1d)") String window,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
                    "errorRate", "p95LatencyMs", "requests", "tokensPerRequest", "unpricedRequests",
                    "costUsd"}, description = "errorRate is 0-1 (errors and timeouts per request)") String measure,
            @Schema(allowableValues = {"above",
                    "below"}, defaultValue = "above", description = "above: fires when the measure is greater than the threshold; below: less than") @Nullable String comparison,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "0.05") BigDecimal threshold,
            @Schema(description = "Resolves only when the measure is back at or below it (above) / at or above it (below); "
                    + "defaults to the threshold. Between the two nothing changes (hysteresis)") @Nullable BigDecimal clearThreshold,
            @Schema(description = "Consecutive evaluations past the clear threshold before resolving, 1-100", defaultValue = "1") @Nullable Integer clearAfter,
            @Nullable Boolean enabled,
            @ArraySchema(schema = @Schema(ref = "#/components/schemas/BudgetChannelRequest"), arraySchema = @Schema(description = "Webhooks and email recipients, as for budgets; at most 10")) @Nullable List<Object> channels) {
    }

    @Schema(name = "AnomalyWatchRequest")
    record AnomalyWatch(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128) String name,
            @Schema(description = SCOPE
                    + "; e.g. one project", example = "{\"project\": [\"support-bot\"]}") @Nullable Map<String, List<String>> scope,
            @Schema(allowableValues = {
                    "day",
                    "hour"}, defaultValue = "day", description = "day: today's spend so far against the same weekday up to the same time; hour: this hour so far") @Nullable String granularity,
            @Schema(description = "IANA zone of the day boundaries", defaultValue = "UTC") @Nullable String tz,
            @Schema(description = "Alert above mean + k x spread of the last 4 weeks (0.5-20)", defaultValue = "3") @Nullable BigDecimal k,
            @Schema(description = "Never alert below this spend in USD", defaultValue = "10") @Nullable BigDecimal minSpendUsd,
            @Nullable Boolean enabled,
            @ArraySchema(schema = @Schema(ref = "#/components/schemas/BudgetChannelRequest")) @Nullable List<Object> channels) {
    }

    @Schema(name = "DigestRequest")
    record Digest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128) String name,
            @Schema(description = SCOPE) @Nullable Map<String, List<String>> scope,
            @Schema(allowableValues = {
                    "daily",
                    "weekly"}, defaultValue = "weekly", description = "daily: yesterday vs the day before; weekly: the 7 days before the send day vs the 7 before those") @Nullable String cadence,
            @Schema(description = "Weekday of a weekly digest", defaultValue = "monday") @Nullable String day,
            @Schema(description = "Local send time HH:MM", defaultValue = "09:00") @Nullable String at,
            @Schema(description = "IANA zone of the send time and the period's days", defaultValue = "UTC", example = "Europe/Berlin") @Nullable String tz,
            @Schema(description = "How many projects and how many models to list as top movers, 0-20", defaultValue = "5") @Nullable Integer topMovers,
            @Nullable Boolean enabled,
            @ArraySchema(schema = @Schema(ref = "#/components/schemas/BudgetChannelRequest")) @Nullable List<Object> channels) {
    }
}
