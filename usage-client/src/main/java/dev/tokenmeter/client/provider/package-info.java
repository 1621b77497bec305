/**
 * Maps the usage objects of provider responses (OpenAI chat completions and responses, Anthropic
 * messages, Google Gemini, Amazon Bedrock Converse) onto the contract's token fields, from the response JSON, so no
 * provider SDK is needed.
 */
@NullMarked
package dev.tokenmeter.client.provider;

import org.jspecify.annotations.NullMarked;
