package dev.tokenmeter.query.budget;

import dev.tokenmeter.wire.LowerCaseCode;
import dev.tokenmeter.wire.WireNames;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A webhook that receives a budget's alerts.
 *
 * @param secret signs every delivery; write-only in the API. Null only for a Slack channel, whose
 *               receiver cannot check a signature: its deliveries then carry none
 */
record Channel(String id, URI url, Format format, @Nullable String secret) {

    /** The recipients of an email channel, as a {@code mailto:} URI; the addresses are checked before. */
    static URI mailto(List<String> recipients) {
        return URI.create("mailto:" + String.join(",", recipients));
    }

    /** The recipients of an email channel. */
    List<String> recipients() {
        String to = url.getSchemeSpecificPart();
        return to == null || to.isEmpty() ? List.of() : List.of(to.split(","));
    }

    /** The body a webhook receives. */
    enum Format implements LowerCaseCode {
        /** The alert as JSON (see {@link AlertBody}). */
        JSON,
        /** {@code {"text": "..."}}, which Slack's and compatible incoming webhooks post as a message. */
        SLACK,
        /** An email over SMTP ({@code spring.mail.*}) with a plain-text and an HTML part; the url is {@code mailto:} the recipients. */
        EMAIL;

        static Format fromCode(String code) {
            return WireNames.find(values(), Format::code, code)
                    .orElseThrow(() -> new IllegalArgumentException("No format '" + code + "'"));
        }
    }
}
