package dev.tokenmeter.query.rules;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where a rule's notices go: the same channels as a budget's (a JSON or Slack webhook, or email).
 *
 * @param url    the webhook URL, or {@code mailto:} the recipients
 * @param format {@code json}, {@code slack} or {@code email}
 * @param secret signs JSON webhooks; write-only in the API
 */
record RuleChannel(String id, URI url, String format, @Nullable String secret) {

    boolean isEmail() {
        return format.equals("email");
    }
}
