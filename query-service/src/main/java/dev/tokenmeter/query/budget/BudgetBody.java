package dev.tokenmeter.query.budget;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /budgets} and {@code PUT /budgets/{id}} as the OpenAPI document shows it.
 * Only a description: {@link BudgetRequest} reads and checks the body itself, so that every mistake
 * is a 400 naming its field.
 */
@Schema(name = "BudgetRequest")
record BudgetBody(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 128) String name,
        @Schema(description = "The contract's filters, each a string or a list of strings: provider, model, project, apiKey, "
                + "endpoint, status, user, tag.<key>. Values of one filter are OR-ed, filters AND-ed; {} or absent is the whole tenant", example = "{\"project\": [\"support-bot\"], \"model\": [\"gpt-4o\"]}") @Nullable Map<String, List<String>> scope,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
                "day", "week", "month"}, description = "From local midnight; a week starts on Monday, a month on the 1st") String period,
        @Schema(description = "IANA time zone of the period's boundaries", defaultValue = "UTC") @Nullable String tz,
        @Schema(description = "The limit in USD; give exactly one of limitUsd and limitTokens") @Nullable BigDecimal limitUsd,
        @Schema(description = "The limit in tokens (input + output); give exactly one of limitUsd and limitTokens") @Nullable Long limitTokens,
        @Schema(description = "Percents of the limit that raise an alert, 1-1000, at most 10", defaultValue = "[50, 80, 100]") @Nullable List<Integer> thresholds,
        @Schema(description = "Alert when, at the current pace, the limit will be crossed before the period ends", defaultValue = "true") @Nullable Boolean forecast,
        @Schema(description = "A hard budget: GET /budgets/check answers allowed=false for calls in its scope once its limit is reached", defaultValue = "false") @Nullable Boolean hard,
        @Schema(allowableValues = {"perThreshold",
                "daily"}, defaultValue = "perThreshold", description = "perThreshold: each threshold once per period; daily: at most one notification per budget per 24 h "
                        + "(the highest threshold crossed; lower ones crossed with it are recorded as covered)") @com.fasterxml.jackson.annotation.JsonProperty("notify") @Nullable String notifyPolicy,
        @Schema(description = "Webhooks and email recipients, at most 10 channels") @Nullable List<ChannelBody> channels) {

    @Schema(name = "BudgetChannelRequest")
    record ChannelBody(
            @Schema(description = "An existing channel of the budget (PUT): without a secret it keeps its secret") @Nullable String id,
            @Schema(allowableValues = {
                    "webhook", "email"}, defaultValue = "webhook") @Nullable String type,
            @Schema(description = "Required for a webhook (not for email): an https URL of a public host; http and non-public addresses only for hosts in the operator's "
                    + "tokenmeter.outbound.allow. Shown masked (scheme, host, port) to viewers") @Nullable String url,
            @Schema(allowableValues = {"json", "slack"}, defaultValue = "json") @Nullable String format,
            @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, minLength = 16, maxLength = 256, description = "Signs deliveries (X-Tokenmeter-Signature); required for json, optional for slack; never returned") @Nullable String secret,
            @Schema(description = "For type email: 1-20 recipient addresses (sent over the operator's SMTP server, spring.mail.*)") @Nullable List<String> recipients) {
    }
}
