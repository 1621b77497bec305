package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import dev.tokenmeter.query.outbound.OutboundRefused;
import dev.tokenmeter.query.web.BadParameter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks the {@code channels} of a budget's body: webhooks {@code {url, secret, format}};
 * mistakes are a 400 naming the field, e.g. {@code channels[0].url}.
 */
final class ChannelRequest {

    static final int MAX_CHANNELS = 10;
    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;
    static final int MAX_URL = 2048;
    private static final Set<String> FIELDS = Set.of("id", "type", "url", "format", "secret", "recipients");
    static final int MAX_RECIPIENTS = 20;
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** Sent back by a client that edits what a GET answered. */
    private static final Set<String> READ_ONLY = Set.of("hasSecret");

    private ChannelRequest() {
    }

    /**
     * A channel as asked for.
     *
     * @param id     an existing channel of the budget, whose secret is kept when none is given
     * @param secret null to keep the existing one (or for a Slack channel without signatures)
     */
    record ChannelSpec(@Nullable String id, URI url, Channel.Format format, @Nullable String secret) {
    }

    static List<ChannelSpec> parse(@Nullable JsonNode node) {
        if (BudgetRequest.absent(node)) {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_CHANNELS) {
            throw new BadParameter("channels", "must be a list of at most " + MAX_CHANNELS + " webhooks");
        }
        List<ChannelSpec> channels = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            channels.add(channel(node.get(i), "channels[" + i + "]."));
        }
        return channels;
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

    private static ChannelSpec channel(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw new BadParameter(prefix.substring(0, prefix.length() - 1), "must be an object {url, secret, format}");
        }
        BudgetRequest.knownFields(node, prefix, FIELDS, READ_ONLY);
        String type = BudgetRequest.text(node.get("type"), prefix + "type");
        if (type != null && !type.equals("webhook") && !type.equals("email")) {
            throw new BadParameter(prefix + "type", "must be webhook or email");
        }
        if ("email".equals(type)) {
            return email(node, prefix);
        }
        if (!BudgetRequest.absent(node.get("recipients"))) {
            throw new BadParameter(prefix + "recipients", "is only for an email channel (type email)");
        }
        String format = BudgetRequest.text(node.get("format"), prefix + "format");
        Channel.Format parsed;
        try {
            parsed = format == null ? Channel.Format.JSON : Channel.Format.fromCode(format);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(prefix + "format", "must be json or slack");
        }
        if (parsed == Channel.Format.EMAIL) {
            throw new BadParameter(prefix + "format", "must be json or slack; an email channel is {type: email, recipients: [...]}");
        }
        String id = BudgetRequest.text(node.get("id"), prefix + "id");
        String secret = BudgetRequest.text(node.get("secret"), prefix + "secret");
        if (secret != null && (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET
                || secret.chars().anyMatch(Character::isISOControl))) {
            throw new BadParameter(prefix + "secret", "must be " + MIN_SECRET + "-" + MAX_SECRET + " characters, no control characters");
        }
        if (secret == null && id == null && parsed == Channel.Format.JSON) {
            throw new BadParameter(prefix + "secret", "is required for a json webhook: it signs every delivery");
        }
        return new ChannelSpec(id, url(BudgetRequest.text(node.get("url"), prefix + "url"), prefix + "url"), parsed, secret);
    }

    /** An email channel: its recipients, kept as a {@code mailto:} URI. */
    private static ChannelSpec email(JsonNode node, String prefix) {
        for (String field : List.of("url", "format", "secret")) {
            if (!BudgetRequest.absent(node.get(field))) {
                throw new BadParameter(prefix + field, "is not a field of an email channel; give recipients");
            }
        }
        JsonNode list = node.get("recipients");
        if (BudgetRequest.absent(list) || !list.isArray() || list.isEmpty() || list.size() > MAX_RECIPIENTS) {
            throw new BadParameter(prefix + "recipients", "must be a list of 1-" + MAX_RECIPIENTS + " email addresses");
        }
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode value = list.get(i);
            if (!value.isString() || value.stringValue().length() > 254 || !EMAIL.matcher(value.stringValue()).matches()) {
                throw new BadParameter(prefix + "recipients[" + i + "]", "must be an email address such as finops@example.com");
            }
            recipients.add(value.stringValue());
        }
        String id = BudgetRequest.text(node.get("id"), prefix + "id");
        return new ChannelSpec(id, Channel.mailto(recipients), Channel.Format.EMAIL, null);
    }

    private static URI url(@Nullable String text, String field) {
        if (text == null || text.length() > MAX_URL) {
            throw new BadParameter(field, "is required: an http or https URL of at most " + MAX_URL + " characters");
        }
        try {
            URI url = new URI(text);
            if (("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                    && url.getHost() != null && url.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new BadParameter(field, "must be an absolute http or https URL with a host and no user info");
    }
}
