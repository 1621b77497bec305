package dev.tokenmeter.query.pricing;

import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.pricing.Price;
import dev.tokenmeter.query.web.BadParameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code PUT /api/v1/prices}: a tenant's price, shaped as a catalog entry. Prices are USD
 * per 1 000 000 tokens, unit prices USD per one unit. Provider and model are stored lower-cased, as
 * they match events case-insensitively. A price for calls without a model names no {@code model} but
 * the {@code endpoint} it prices (by its units, e.g. {@code requests}); its token prices default to 0.
 */
@Schema(name = "PriceBody", description = "A tenant's price: {provider, model | endpoint, effectiveFrom, input, output, "
        + "cachedInput?, cacheWrite?, reasoning?, serviceTiers?, units?}")
record PriceBody(
        @NotBlank @Size(max = 64) @Pattern(regexp = NO_CONTROL, message = "must not contain control characters") String provider,
        @Schema(description = "the model; omit it and name the endpoint for calls without a model") @Size(min = 1, max = 256) @Pattern(regexp = NO_CONTROL, message = "must not contain control characters") @Nullable String model,
        @Schema(description = "only for a price of calls without a model: the endpoint it prices") @Size(min = 1, max = 128) @Pattern(regexp = NO_CONTROL, message = "must not contain control characters") @Nullable String endpoint,
        @Schema(description = "RFC 3339 instant, or a date YYYY-MM-DD (midnight UTC), 1970-2199", example = "2026-01-01") @NotBlank @Size(max = 64) String effectiveFrom,
        @Schema(description = "required with a model") @UsdPerMillion @Nullable BigDecimal input,
        @Schema(description = "required with a model") @UsdPerMillion @Nullable BigDecimal output,
        @Schema(description = "cache reads; default: input") @UsdPerMillion @Nullable BigDecimal cachedInput,
        @Schema(description = "cache writes; default: input") @UsdPerMillion @Nullable BigDecimal cacheWrite,
        @Schema(description = "reasoning tokens; default: output") @UsdPerMillion @Nullable BigDecimal reasoning,
        @Schema(description = "prices of the batch, flex or priority tier; a tier without its own price uses these") @Nullable Map<String, @Valid @NotNull TierBody> serviceTiers,
        @Schema(description = "USD per ONE unit of a usage.units entry (e.g. webSearches, images), the same on every tier") @Size(max = 16) @Nullable Map<@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String, @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 12) BigDecimal> units) {

    static final String NO_CONTROL = "[^\\p{Cntrl}]+";

    /** A service tier's prices: a {@code multiplier} of the standard prices, or its own {@code input} and {@code output}. */
    @Schema(name = "TierPriceBody")
    record TierBody(
            @DecimalMin("0") @Digits(integer = 4, fraction = 6) @Nullable BigDecimal multiplier,
            @UsdPerMillion @Nullable BigDecimal input,
            @UsdPerMillion @Nullable BigDecimal output,
            @UsdPerMillion @Nullable BigDecimal cachedInput,
            @UsdPerMillion @Nullable BigDecimal cacheWrite,
            @UsdPerMillion @Nullable BigDecimal reasoning) {
    }

    /** The price this body sets; the rules that span fields are 400s naming the field to fix. */
    Price toPrice() {
        String modelName = model;
        String modelEndpoint = endpoint;
        if (modelName == null && modelEndpoint == null) {
            throw new BadParameter("model", "is required (or, for calls without a model, endpoint)");
        }
        if (modelName != null && modelEndpoint != null) {
            throw new BadParameter("endpoint", "is only for a price of calls without a model; omit it or omit model");
        }
        if (modelName != null && modelName.isBlank()) {
            throw new BadParameter("model", "must not be blank");
        }
        boolean modelLess = modelName == null;
        return new Price(provider.trim().toLowerCase(Locale.ROOT),
                modelName == null ? "" : modelName.trim().toLowerCase(Locale.ROOT),
                Bodies.instant("effectiveFrom", effectiveFrom),
                token("input", input, modelLess), token("output", output, modelLess),
                plain(cachedInput), plain(cacheWrite), plain(reasoning), null, List.of(),
                tiers(), units == null ? Map.of() : units, modelEndpoint == null ? null : modelEndpoint.trim());
    }

    private static BigDecimal token(String field, @Nullable BigDecimal price, boolean modelLess) {
        if (price == null && !modelLess) {
            throw new BadParameter(field, "is required: USD per 1 000 000 tokens");
        }
        return price == null ? BigDecimal.ZERO : Objects.requireNonNull(plain(price));
    }

    private Map<ServiceTier, Price.TierPrice> tiers() {
        if (serviceTiers == null) {
            return Map.of();
        }
        Map<ServiceTier, Price.TierPrice> tiers = new EnumMap<>(ServiceTier.class);
        serviceTiers.forEach((code, body) -> {
            ServiceTier tier = ServiceTier.of(code);
            if (tier == null || tier == ServiceTier.STANDARD) {
                throw new BadParameter("serviceTiers." + code, "is not a service tier with prices of its own: batch, flex or priority");
            }
            try {
                tiers.put(tier, new Price.TierPrice(plain(body.multiplier()), plain(body.input()), plain(body.output()),
                        plain(body.cachedInput()), plain(body.cacheWrite()), plain(body.reasoning())));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("serviceTiers." + code, String.valueOf(e.getMessage()));
            }
        });
        return tiers;
    }

    /** The same number without trailing zeros (1.000000 is 1), never in exponent form. */
    private static @Nullable BigDecimal plain(@Nullable BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
