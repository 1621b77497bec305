package dev.tokenmeter.event;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads usage events from raw records — plain JSON or CloudEvents 1.0 structured mode — and
 * validates them against the contract, reporting every violation rather than the first.
 * Thread-safe.
 */
public final class EventReader {

    /** The CloudEvents {@code type} of a usage event. */
    public static final String CLOUD_EVENT_TYPE = "dev.tokenmeter.usage.v1";

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final EventLimits limits;
    private final Clock clock;

    public EventReader(EventLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** Reads one record value received now. */
    public ParseResult read(byte[] record) {
        return read(record, clock.instant());
    }

    /**
     * Reads one Kafka record value that reached the broker at {@code arrived}: {@code too_old} is
     * judged from then (within {@link EventLimits#backlogGrace()}), so a backlog that waited out an
     * outage is not dead-lettered for having waited; {@code in_future} is judged from now.
     */
    public ParseResult read(byte[] record, Instant arrived) {
        if (record.length > limits.maxRecordBytes()) {
            return tooLarge(record);
        }
        EventFields fields = EventStream.read(record);
        if (fields == null) {
            // A CloudEvent, or not a plain JSON object: rare, and the tree path words the verdict.
            return readWithTree(record, arrived);
        }
        return validate(fields, arrived);
    }

    /**
     * Reads one record as the service did before {@link #read(byte[], Instant)} read bytes straight into the
     * event: a Jackson tree of the whole record first. Same verdicts, same violations; kept as the reference the
     * streaming path is tested against, for the rare forms that path hands over, and to compare the two.
     */
    public ParseResult readWithTree(byte[] record, Instant arrived) {
        if (record.length > limits.maxRecordBytes()) {
            return tooLarge(record);
        }
        JsonNode node;
        try {
            node = JSON.readTree(record);
        } catch (JacksonException e) {
            return invalid("$", Reason.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // A number past Jackson's limits (e.g. 1e99999999999): it threw out of the reader and stalled the batch.
            return invalid("$", Reason.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
        return read(node, null, arrived);
    }

    private ParseResult tooLarge(byte[] record) {
        return invalid("$", Reason.TOO_LARGE, "record is " + record.length + " bytes, the limit is " + limits.maxRecordBytes());
    }

    /**
     * Reads one already parsed item (an element of an HTTP batch).
     *
     * @param ownerTenant the tenant of the HTTP ingest key: fills in a missing {@code tenant} and
     *                    must equal a present one; null for Kafka records
     */
    public ParseResult read(@Nullable JsonNode node, @Nullable String ownerTenant) {
        return read(node, ownerTenant, clock.instant());
    }

    private ParseResult read(@Nullable JsonNode node, @Nullable String ownerTenant, Instant arrived) {
        if (node == null || !node.isObject()) {
            return invalid("$", Reason.MALFORMED_JSON, "a usage event must be a JSON object");
        }
        List<Violation> violations = new ArrayList<>();
        ObjectNode event = node.has("specversion")
                ? CloudEvents.unwrap((ObjectNode) node, violations)
                : (ObjectNode) node;
        if (ownerTenant != null) {
            event = withOwner(event, ownerTenant, violations);
        }
        return validate(EventFields.of(event), violations, arrived);
    }

    private ParseResult validate(EventFields fields, Instant arrived) {
        return validate(fields, new ArrayList<>(), arrived);
    }

    private ParseResult validate(EventFields fields, List<Violation> violations, Instant arrived) {
        UsageEvent parsed = new EventValidator(fields, violations, limits, clock.instant(), arrived).validate();
        return violations.isEmpty() && parsed != null
                ? new ParseResult.Valid(parsed)
                : new ParseResult.Invalid(violations);
    }

    private static ObjectNode withOwner(ObjectNode event, String ownerTenant, List<Violation> violations) {
        JsonNode tenant = event.get("tenant");
        if (tenant == null || tenant.isNull()) {
            ObjectNode owned = event.deepCopy();
            owned.put("tenant", ownerTenant);
            return owned;
        }
        if (!ownerTenant.equals(tenant.asString())) {
            violations.add(new Violation("tenant", Reason.TENANT_MISMATCH,
                    "the ingest key belongs to tenant '" + ownerTenant + "'"));
        }
        return event;
    }

    private static ParseResult invalid(String field, Reason reason, String message) {
        return new ParseResult.Invalid(List.of(new Violation(field, reason, message)));
    }
}
