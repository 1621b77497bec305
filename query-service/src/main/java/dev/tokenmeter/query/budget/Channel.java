package dev.tokenmeter.query.budget;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A webhook that receives a budget's alerts.
 *
 * @param secret signs every delivery; write-only in the API. Null only for a Slack channel, whose
 *               receiver cannot check a signature: its deliveries then carry none
 */
record Channel(String id, URI url, Format format, @Nullable String secret) {

    /** The body a webhook receives. */
    enum Format {
        /** The alert as JSON (see {@link AlertBody}). */
        JSON,
        /** {@code {"text": "..."}}, which Slack's and compatible incoming webhooks post as a message. */
        SLACK;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Format fromCode(String code) {
            for (Format format : values()) {
                if (format.code().equals(code)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("No format '" + code + "'");
        }
    }
}
