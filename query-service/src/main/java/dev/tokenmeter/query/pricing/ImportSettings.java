package dev.tokenmeter.query.pricing;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of {@code POST /prices/import} ({@code tokenmeter.query.price-import.*}).
 *
 * @param maxSize    the largest file accepted (LiteLLM's whole file is about 1.6 MB); larger is a 413
 * @param maxEntries the most model entries a file may have; more is a 400
 */
@Validated
@ConfigurationProperties("tokenmeter.query.price-import")
record ImportSettings(@DefaultValue("8MB") DataSize maxSize, @DefaultValue("20000") @Min(1) int maxEntries) {
}
