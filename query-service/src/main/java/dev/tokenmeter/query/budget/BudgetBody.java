package dev.tokenmeter.query.budget;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tokenmeter.query.web.CrossFieldRules;
import dev.tokenmeter.query.web.CrossFieldRules.Mistake;
import dev.tokenmeter.query.web.IanaZone;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /budgets} and {@code PUT /budgets/{id}}; every mistake is a 400 naming the field
 * ({@code limitUsd}, {@code scope.project}, {@code channels[0].url}, ...). Unknown fields are refused, except
 * the read-only ones a client may send back from a GET.
 */
@Schema(name = "BudgetRequest")
@JsonIgnoreProperties(value = {"id", "tenant", "createdAt", "updatedAt"})
@CrossFieldRules
record BudgetBody(
        @Schema(maxLength = MAX_NAME) @NotBlank(message = NAME_RULE) @Size(max = MAX_NAME, message = NAME_RULE) @Pattern(regexp = NO_CONTROL, message = NAME_RULE) String name,
        @Schema(description = "The contract's filters, each a string or a list of strings: provider, model, project, apiKey, "
                + "endpoint, status, user, serviceTier, tag.<key>. Values of one filter are OR-ed, filters AND-ed; {} or absent is the whole tenant", example = "{\"project\": [\"support-bot\"], \"model\": [\"gpt-4o\"]}") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) @Nullable Map<String, List<String>> scope,
        @Schema(allowableValues = {
                "day", "week",
                "month"}, description = "From local midnight; a week starts on Monday, a month on the 1st") @NotNull(message = PERIOD_RULE) @Pattern(regexp = "day|week|month", message = PERIOD_RULE) String period,
        @Schema(description = "IANA time zone of the period's boundaries", defaultValue = "UTC") @IanaZone @Nullable String tz,
        @Schema(description = "The limit in USD; give exactly one of limitUsd and limitTokens") @DecimalMin(value = "0", inclusive = false, message = USD_RULE) @DecimalMax(value = "1000000000000", message = USD_RULE) @Digits(integer = 13, fraction = 12, message = USD_RULE) @Nullable BigDecimal limitUsd,
        @Schema(description = "The limit in tokens (input + output); give exactly one of limitUsd and limitTokens") @Min(value = 1, message = TOKENS_RULE) @Max(value = MAX_TOKENS, message = TOKENS_RULE) @Nullable Long limitTokens,
        @Schema(description = "Percents of the limit that raise an alert, 1-1000, at most 10", defaultValue = "[50, 80, 100]") @Size(min = 1, max = MAX_THRESHOLDS, message = "must be a list of 1-10 percents of the limit, e.g. [50, 80, 100]") @Nullable List<@NotNull(message = THRESHOLD_RULE) @Min(value = 1, message = THRESHOLD_RULE) @Max(value = MAX_THRESHOLD, message = THRESHOLD_RULE) Integer> thresholds,
        @Schema(description = "Alert when, at the current pace, the limit will be crossed before the period ends", defaultValue = "true") @Nullable Boolean forecast,
        @Schema(description = "A hard budget: GET /budgets/check answers allowed=false for calls in its scope once its limit is reached", defaultValue = "false") @Nullable Boolean hard,
        @Schema(allowableValues = {"perThreshold",
                "daily"}, defaultValue = "perThreshold", description = "perThreshold: each threshold once per period; daily: at most one notification per budget per 24 h "
                        + "(the highest threshold crossed; lower ones crossed with it are recorded as covered)") @JsonProperty("notify") @Nullable String notifyPolicy,
        @Schema(description = "Webhooks and email recipients, at most 10 channels") @Size(max = ChannelBody.MAX_CHANNELS, message = "must be a list of at most 10 webhooks") @Nullable List<@NotNull(message = "must be an object {url, secret, format}") @Valid ChannelBody> channels)
        implements
            Scoped {

    static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);
    static final int MAX_NAME = 128;
    static final int MAX_THRESHOLDS = 10;
    static final int MAX_THRESHOLD = 1000;
    static final long MAX_TOKENS = 1_000_000_000_000_000L;
    static final String NO_CONTROL = "[^\\p{Cntrl}]*";
    static final String NAME_RULE = "is required: 1-128 characters, not all blank, no control characters";
    static final String PERIOD_RULE = "is required: day, week or month";
    static final String USD_RULE = "must be more than 0 and at most 1000000000000, with at most 12 decimals";
    static final String TOKENS_RULE = "must be a whole number of tokens from 1 to 1000000000000000000";
    static final String THRESHOLD_RULE = "must be a whole percent from 1 to 1000";

    /** A budget as asked for, checked. */
    record Spec(String name, Map<String, List<String>> scope, PeriodUnit period, ZoneId zone, Limit limit,
            List<Integer> thresholds, boolean forecast, boolean hard, NotifyPolicy notifyPolicy,
            List<ChannelBody.ChannelSpec> channels) {
    }

    /** The budget this body asks for, with its defaults; call it on a body its constraints passed. */
    Spec toSpec() {
        Limit limit = limitUsd != null
                ? Limit.usd(BudgetViews.plain(limitUsd))
                : Limit.tokens(java.util.Objects.requireNonNull(limitTokens));
        return new Spec(name.trim(), filters(), PeriodUnit.fromCode(period), ZoneId.of(tz == null ? "UTC" : tz), limit,
                thresholds == null ? DEFAULT_THRESHOLDS : thresholds.stream().sorted().toList(),
                forecast == null || forecast, hard != null && hard,
                notifyPolicy == null ? NotifyPolicy.PER_THRESHOLD : NotifyPolicy.fromParam(notifyPolicy), ChannelBody.specs(channels));
    }

    /**
     * The scope, then the rules that span fields, or whose field is named otherwise in Java: one limit, {@code notify},
     * no repeated threshold.
     */
    @Override
    public @Nullable Mistake firstMistake() {
        Mistake scope = scopeMistake();
        if (scope != null) {
            return scope;
        }
        if ((limitUsd == null) == (limitTokens == null)) {
            return Mistake.on("limitUsd", "give exactly one of limitUsd (an amount in USD) or limitTokens (a number of tokens)");
        }
        if (notifyPolicy != null && !notifyPolicy.equals("perThreshold") && !notifyPolicy.equals("daily")) {
            return Mistake.on("notify", "must be perThreshold (each threshold once per period) or daily (at most one per 24 h)");
        }
        if (thresholds != null) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < thresholds.size(); i++) {
                Integer threshold = thresholds.get(i);
                if (threshold != null && !seen.add(threshold)) {
                    return Mistake.at("thresholds", i, "repeats " + threshold);
                }
            }
        }
        return null;
    }
}
