package dev.tokenmeter.client;

import dev.tokenmeter.client.provider.ProviderCall;
import dev.tokenmeter.event.EventError;
import dev.tokenmeter.event.ServiceTier;
import dev.tokenmeter.event.Status;
import dev.tokenmeter.event.Usage;
import dev.tokenmeter.event.UsageEvent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Builds a valid {@link UsageEvent}: the id defaults to a new {@link EventIds ULID}, the time to
 * now, the status to {@code success}, the usage to zero tokens. Not thread-safe; one per event.
 *
 * <pre>{@code
 * UsageEvent event = UsageEventBuilder.forTenant("acme")
 *         .call(ProviderUsage.openAiChatCompletion(responseJson))
 *         .project("support-bot")
 *         .latency(elapsed)
 *         .build();
 * }</pre>
 */
public final class UsageEventBuilder {

    private final Clock clock;
    private final String tenant;
    private @Nullable String id;
    private @Nullable Instant time;
    private @Nullable String provider;
    private @Nullable String model;
    private @Nullable String endpoint;
    private @Nullable String project;
    private @Nullable String apiKey;
    private @Nullable String user;
    private Status status = Status.SUCCESS;
    private @Nullable EventError error;
    private @Nullable Integer latencyMs;
    private Usage usage = Usage.NONE;
    private @Nullable BigDecimal costUsd;
    private final Map<String, String> tags = new TreeMap<>();
    private ServiceTier serviceTier = ServiceTier.STANDARD;
    private final Map<String, Long> units = new TreeMap<>();

    private UsageEventBuilder(String tenant, Clock clock) {
        this.tenant = tenant;
        this.clock = clock;
    }

    public static UsageEventBuilder forTenant(String tenant) {
        return new UsageEventBuilder(tenant, Clock.systemUTC());
    }

    static UsageEventBuilder forTenant(String tenant, Clock clock) {
        return new UsageEventBuilder(tenant, clock);
    }

    /** The idempotency key; use your own request id when you have one, so a retry keeps it. */
    public UsageEventBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** When the call happened (default: when {@link #build} runs). */
    public UsageEventBuilder time(Instant time) {
        this.time = time;
        return this;
    }

    /** Provider, endpoint, model (when the response named one) and token usage of a mapped response. */
    public UsageEventBuilder call(ProviderCall call) {
        this.provider = call.provider();
        this.endpoint = call.endpoint();
        if (call.model() != null) {
            this.model = call.model();
        }
        this.usage = call.usage();
        return this;
    }

    public UsageEventBuilder provider(String provider) {
        this.provider = provider;
        return this;
    }

    public UsageEventBuilder model(String model) {
        this.model = model;
        return this;
    }

    public UsageEventBuilder endpoint(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    public UsageEventBuilder project(String project) {
        this.project = project;
        return this;
    }

    /** The API key's id or name — never the secret itself. */
    public UsageEventBuilder apiKey(String apiKey) {
        this.apiKey = apiKey;
        return this;
    }

    public UsageEventBuilder user(String user) {
        this.user = user;
        return this;
    }

    public UsageEventBuilder usage(Usage usage) {
        this.usage = usage;
        return this;
    }

    /** Marks the call failed ({@code status = error}) with a short type and a message. */
    public UsageEventBuilder error(String type, String message) {
        this.status = Status.ERROR;
        this.error = new EventError(type, message);
        return this;
    }

    /** Marks the call as timed out ({@code status = timeout}). */
    public UsageEventBuilder timedOut() {
        this.status = Status.TIMEOUT;
        return this;
    }

    public UsageEventBuilder latency(Duration latency) {
        this.latencyMs = (int) Math.min(Integer.MAX_VALUE, latency.toMillis());
        return this;
    }

    /** A cost the provider reported, in USD; it wins over the price catalog. */
    public UsageEventBuilder costUsd(BigDecimal costUsd) {
        this.costUsd = costUsd;
        return this;
    }

    public UsageEventBuilder tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    /** The provider's billing tier of the call (batch, flex, priority); standard when not set. */
    public UsageEventBuilder serviceTier(ServiceTier serviceTier) {
        this.serviceTier = serviceTier;
        return this;
    }

    /**
     * Adds a billable quantity that is not text tokens ({@code usage.units}), e.g.
     * {@code unit("images.1024x1024.standard", 2)}, {@code unit("webSearches", 3)}; quantities of the same
     * unit add up.
     */
    public UsageEventBuilder unit(String name, long quantity) {
        units.merge(name, quantity, Long::sum);
        return this;
    }

    /**
     * The event, checked against the contract.
     *
     * @throws InvalidEventException listing every violation (e.g. a missing provider); a call that is not a
     *                               model call may leave the model unset
     */
    public UsageEvent build() {
        UsageEvent event = new UsageEvent(
                id != null ? id : EventIds.next(),
                tenant,
                time != null ? time : clock.instant().truncatedTo(ChronoUnit.MILLIS),
                provider != null ? provider : "",
                model,
                endpoint != null ? endpoint : UsageEvent.UNKNOWN_ENDPOINT,
                project, apiKey, user, status, error, latencyMs, usage, costUsd,
                Collections.unmodifiableMap(new TreeMap<>(tags)), serviceTier, Collections.unmodifiableMap(new TreeMap<>(units)));
        new EventCheck(clock).validJson(event);
        return event;
    }
}
