/**
 * {@code deploy/price-import}: sends a LiteLLM or genai-prices price file to the query service's
 * {@code POST /api/v1/prices/import} and prints the diff it answers (added, changed, unchanged,
 * skipped with why); the service does the reading, rounding and saving, so the command and the API
 * can never disagree.
 */
@NullMarked
package dev.tokenmeter.deploy.prices;

import org.jspecify.annotations.NullMarked;
