package dev.tokenmeter.query.pricing;

import dev.tokenmeter.query.access.Caller;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.Params;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/v1/prices/import}: reads an open price file (LiteLLM or genai-prices) as the body,
 * answers the diff against the tenant's prices and, unless {@code dryRun=true}, saves the added and
 * changed ones as the tenant's prices from {@code effectiveFrom}. Admin keys for their tenant; the
 * operator key for the tenant it names.
 */
@RestController
@RequestMapping("/api/v1")
class PriceImportController {

    private static final Set<String> PARAMS = Set.of("tenant", "format", "effectiveFrom", "dryRun");
    /** Exact decimals: a per-token float such as 3.0000000000000004e-07 is read digit for digit. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final PriceImport imports;
    private final ImportSettings settings;

    PriceImportController(PriceImport imports, ImportSettings settings) {
        this.imports = imports;
        this.settings = settings;
    }

    @Operation(summary = "Import prices from an open price file", description = "The body is LiteLLM's model_prices_and_context_window.json (a JSON object, prices per token) or "
            + "genai-prices' data.json (a JSON array of providers, prices per 1M tokens). Each model's token prices "
            + "become per-1M prices rounded half-even to 6 decimals (raw and rounded values are in the answer) and are "
            + "compared with the tenant's price in force at effectiveFrom (its own, else the built-in catalog's): added, "
            + "changed (with before), unchanged, or skipped with why. Unless dryRun=true, added and changed prices are "
            + "saved as the tenant's prices from effectiveFrom, in one transaction; unchanged ones are not written, so a "
            + "second import of the same file changes nothing. Admin key, or the operator key with tenant=.")
    @Parameter(name = "effectiveFrom", in = ParameterIn.QUERY, required = true, description = "From when the imported prices apply: an RFC 3339 instant, or a date YYYY-MM-DD (midnight UTC)", schema = @Schema(type = "string", example = "2026-12-01"))
    @Parameter(name = "format", in = ParameterIn.QUERY, description = "The file's format; absent, a JSON array is genai-prices and a JSON object LiteLLM", schema = @Schema(type = "string", allowableValues = {
            "litellm", "genai-prices"}))
    @Parameter(name = "dryRun", in = ParameterIn.QUERY, description = "true: answer the diff and write nothing. Default false: the diff is applied", schema = @Schema(type = "boolean", defaultValue = "false"))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The price file, as published", content = @Content(mediaType = "application/json", schema = @Schema(type = "object")))
    @PostMapping("/prices/import")
    Mono<PriceImport.Result> importPrices(Caller caller, ServerWebExchange exchange) {
        MultiValueMap<String, String> params = exchange.getRequest().getQueryParams();
        for (String name : params.keySet()) {
            if (!PARAMS.contains(name)) {
                throw new BadParameter(name, "is not a parameter of this endpoint");
            }
        }
        caller.requireManager();
        String tenant = caller.requireTenant();
        Instant effectiveFrom = Bodies.instant("effectiveFrom",
                Params.required(params, "effectiveFrom", "from when the imported prices apply (YYYY-MM-DD or an RFC 3339 instant)"));
        String format = Params.single(params, "format");
        PriceFile.Format declared = format == null ? null : PriceFile.Format.of(format);
        boolean dryRun = Params.bool(params, "dryRun", false);
        return body(exchange)
                .map(file -> PriceFile.read(file, declared, effectiveFrom, settings.maxEntries()))
                .flatMap(file -> imports.run(tenant, file, effectiveFrom, dryRun));
    }

    /** The body as JSON, at most {@code max-size} bytes (413 beyond). */
    private Mono<JsonNode> body(ServerWebExchange exchange) {
        int maxBytes = (int) Math.min(Integer.MAX_VALUE, settings.maxSize().toBytes());
        return DataBufferUtils.join(exchange.getRequest().getBody(), maxBytes)
                .onErrorMap(DataBufferLimitException.class, e -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                        "The price file is larger than " + settings.maxSize() + " (tokenmeter.query.price-import.max-size)"))
                .map(PriceImportController::json)
                .switchIfEmpty(Mono.error(() -> new BadParameter("body", "is required: a LiteLLM or genai-prices price file")));
    }

    private static JsonNode json(DataBuffer buffer) {
        try {
            return JSON.readTree(buffer.toString(StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new BadParameter("body", "is not valid JSON: " + e.getOriginalMessage());
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
