package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The parts of a budget's body that other alert sources (usage rules, anomaly watches, digests) take in
 * the same shape, checked by the same code: a name, a scope of filters, a zone and channels. Mistakes
 * are a {@link dev.tokenmeter.query.web.BadParameter} naming the field.
 */
public final class AlertInputs {

    private AlertInputs() {
    }

    /**
     * A channel as asked for.
     *
     * @param id     an existing channel whose secret is kept when none is given
     * @param url    the webhook URL, or {@code mailto:} the recipients of an email channel
     * @param format {@code json}, {@code slack} or {@code email}
     */
    public record ChannelInput(@Nullable String id, URI url, String format, @Nullable String secret) {
    }

    public static String name(@Nullable JsonNode node) {
        return BudgetRequest.name(node);
    }

    /** The contract's filters by parameter name; {} is the whole tenant. */
    public static Map<String, List<String>> scope(@Nullable JsonNode node) {
        return BudgetRequest.scope(node);
    }

    /** An IANA zone; UTC when absent. */
    public static ZoneId zone(@Nullable JsonNode node) {
        return BudgetRequest.zone(node);
    }

    /** Refuses a field not in {@code fields} (fields in {@code ignored} are read-only echoes and pass). */
    public static void knownFields(JsonNode object, Set<String> fields, Set<String> ignored) {
        BudgetRequest.knownFields(object, "", fields, ignored);
    }

    /** The channels, checked as a budget's are, destinations included (the outbound guard's rules). */
    public static List<ChannelInput> channels(@Nullable JsonNode node, OutboundGuard guard) {
        List<ChannelRequest.ChannelSpec> specs = ChannelRequest.parse(node);
        ChannelRequest.checkDestinations(specs, guard);
        return specs.stream().map(s -> new ChannelInput(s.id(), s.url(), s.format().code(), s.secret())).toList();
    }
}
