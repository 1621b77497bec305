package dev.tokenmeter.query.budget;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tokenmeter.query.outbound.OutboundGuard;
import dev.tokenmeter.query.outbound.OutboundRefused;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.CrossFieldRules;
import dev.tokenmeter.query.web.CrossFieldRules.Mistake;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A channel in the body of a budget, usage rule, anomaly watch or digest: a webhook {@code {url, secret?, format?}}
 * or an email channel {@code {type: email, recipients}}. A mistake is a 400 naming the field, e.g.
 * {@code channels[0].url}. {@code hasSecret}, which a GET answers, may be sent back and is ignored.
 */
@Schema(name = "BudgetChannelRequest")
@JsonIgnoreProperties(value = "hasSecret")
@CrossFieldRules
public record ChannelBody(
        @Schema(description = "An existing channel of the budget (PUT): without a secret it keeps its secret") @Size(max = 64) @Nullable String id,
        @Schema(allowableValues = {
                "webhook",
                "email"}, defaultValue = "webhook") @Pattern(regexp = "webhook|email", message = "must be webhook or email") @Nullable String type,
        @Schema(description = "Required for a webhook (not for email): an https URL of a public host; http and non-public addresses only for hosts in the operator's "
                + "tokenmeter.outbound.allow. Shown masked (scheme, host, port) to viewers", maxLength = MAX_URL) @Nullable String url,
        @Schema(allowableValues = {"json", "slack"}, defaultValue = "json") @Nullable String format,
        @Schema(accessMode = Schema.AccessMode.WRITE_ONLY, description = "Signs deliveries (X-Tokenmeter-Signature); required for json, optional for slack; never returned") @Size(min = MIN_SECRET, max = MAX_SECRET, message = SECRET_RULE) @Pattern(regexp = "[^\\p{Cntrl}]*", message = SECRET_RULE) @Nullable String secret,
        @Schema(description = "For type email: 1-20 recipient addresses (sent over the operator's SMTP server, spring.mail.*)") @Nullable List<@NotNull(message = EMAIL_RULE) @Size(max = 254, message = EMAIL_RULE) @Pattern(regexp = EMAIL, message = EMAIL_RULE) String> recipients)
        implements
            CrossFieldRules.Checked {

    static final int MAX_CHANNELS = 10;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final int MAX_URL = 2048;
    static final int MAX_RECIPIENTS = 20;
    static final String SECRET_RULE = "must be 16-256 characters, no control characters";
    static final String EMAIL_RULE = "must be an email address such as finops@example.com";
    static final String EMAIL = "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+";

    /**
     * A channel as asked for, checked.
     *
     * @param id     an existing channel of the budget, whose secret is kept when none is given
     * @param url    the webhook URL, or {@code mailto:} the recipients of an email channel
     * @param secret null to keep the existing one (or for a Slack channel without signatures)
     */
    record ChannelSpec(@Nullable String id, URI url, Channel.Format format, @Nullable String secret) {
    }

    boolean emailChannel() {
        return "email".equals(type);
    }

    /** The channel this body asks for; call it on a body its constraints passed. */
    ChannelSpec toSpec() {
        if (emailChannel()) {
            return new ChannelSpec(id, Channel.mailto(Objects.requireNonNull(recipients)), Channel.Format.EMAIL, null);
        }
        return new ChannelSpec(id, URI.create(Objects.requireNonNull(url)),
                format == null ? Channel.Format.JSON : Channel.Format.fromCode(format),
                secret);
    }

    /** The channels these bodies ask for; none when absent. */
    static List<ChannelSpec> specs(@Nullable List<ChannelBody> channels) {
        return channels == null ? List.of() : channels.stream().map(ChannelBody::toSpec).toList();
    }

    /**
     * Refuses a channel the outbound guard would refuse at send time (a non-public address literal, a
     * local or metadata name, {@code http://} outside the allow-list): a 400 naming {@code channels[i].url}.
     * Names are not resolved here; the send-time check resolves them.
     */
    static void checkDestinations(List<ChannelSpec> channels, OutboundGuard guard) {
        for (int i = 0; i < channels.size(); i++) {
            if (channels.get(i).format() == Channel.Format.EMAIL) {
                continue; // the SMTP server is the operator's; the guard checks it at send time
            }
            try {
                guard.check(channels.get(i).url());
            } catch (OutboundRefused e) {
                throw new BadParameter("channels[" + i + "].url", e.scheme()
                        ? "must be https; http only for hosts in the operator's tokenmeter.outbound.allow"
                        : "must not be a loopback, private, link-local, multicast or metadata address or name,"
                                + " unless the operator's tokenmeter.outbound.allow lists it");
            }
        }
    }

    /** The rules that depend on the channel's type: which fields it takes, and which it needs. */
    @Override
    public @Nullable Mistake firstMistake() {
        return emailChannel() ? emailMistake() : webhookMistake();
    }

    private @Nullable Mistake emailMistake() {
        String extra = url != null ? "url" : format != null ? "format" : secret != null ? "secret" : null;
        if (extra != null) {
            return Mistake.on(extra, "is not a field of an email channel; give recipients");
        }
        if (recipients == null || recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            return Mistake.on("recipients", "must be a list of 1-" + MAX_RECIPIENTS + " email addresses");
        }
        return null;
    }

    private @Nullable Mistake webhookMistake() {
        if (recipients != null) {
            return Mistake.on("recipients", "is only for an email channel (type email)");
        }
        if (format != null && !format.equals("json") && !format.equals("slack")) {
            return Mistake.on("format", "must be json or slack" + (format.equals("email")
                    ? "; an email channel is {type: email, recipients: [...]}"
                    : ""));
        }
        if (secret == null && id == null && (format == null || format.equals("json"))) {
            return Mistake.on("secret", "is required for a json webhook: it signs every delivery");
        }
        if (url == null || url.length() > MAX_URL) {
            return Mistake.on("url", "is required: an http or https URL of at most " + MAX_URL + " characters");
        }
        return webUrl(url) ? null : Mistake.on("url", "must be an absolute http or https URL with a host and no user info");
    }

    private static boolean webUrl(String text) {
        try {
            URI url = new URI(text);
            return ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    && url.getHost() != null && url.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
