package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The part of a budget's body that other alert sources (usage rules, anomaly watches, digests) take in the
 * same shape and check by the same rules: channels ({@link ChannelBody}). Name, scope ({@link Scoped})
 * and zone ({@link dev.tokenmeter.query.web.IanaZone}) are constraints their records declare too.
 */
public final class AlertInputs {

    /** Longest name of a budget or rule. */
    public static final int MAX_NAME = BudgetBody.MAX_NAME;
    /** What a name must be. */
    public static final String NAME_RULE = BudgetBody.NAME_RULE;
    /** No control characters. */
    public static final String NO_CONTROL = BudgetBody.NO_CONTROL;
    /** Most channels of a budget or rule. */
    public static final int MAX_CHANNELS = ChannelBody.MAX_CHANNELS;

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

    /** The channels of a body its constraints passed, destinations checked as a budget's are (the outbound guard's rules). */
    public static List<ChannelInput> channels(@Nullable List<ChannelBody> channels, OutboundGuard guard) {
        List<ChannelBody.ChannelSpec> specs = ChannelBody.specs(channels);
        ChannelBody.checkDestinations(specs, guard);
        return specs.stream().map(s -> new ChannelInput(s.id(), s.url(), s.format().code(), s.secret())).toList();
    }
}
