package dev.tokenmeter.ingest.http;

import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.ingest.IngestSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP ingest for services that cannot reach Kafka: {@code POST /api/v1/events} with one event or
 * an array of events. Valid events are published to the usage topic exactly as a Kafka client
 * would; the answer is 202 only once the broker acknowledged every one of them.
 */
@RestController
class EventsController {

    /** Decimals as BigDecimal, as the Kafka reader reads them: exact costs, and a number past the limits is refused. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final EventReader reader;
    private final Authenticator authenticator;
    private final UsageTopic usageTopic;
    private final IngestSettings.Http settings;
    private final Counter accepted;
    private final Counter rejected;

    EventsController(EventReader reader, Authenticator authenticator, UsageTopic usageTopic, IngestSettings settings,
            MeterRegistry registry) {
        this.reader = reader;
        this.authenticator = authenticator;
        this.usageTopic = usageTopic;
        this.settings = settings.http();
        this.accepted = registry.counter("ingest.http.events", "outcome", "accepted");
        this.rejected = registry.counter("ingest.http.events", "outcome", "rejected");
    }

    @PostMapping("/api/v1/events")
    Mono<ResponseEntity<Map<String, Object>>> ingest(ServerWebExchange exchange) {
        long maxBytes = settings.maxBody().toBytes();
        return authenticator.tenant(exchange)
                .flatMap(tenant -> exchange.getRequest().getHeaders().getContentLength() > maxBytes
                        ? Mono.error(IngestProblem.tooLarge(maxBytes))
                        : DataBufferUtils.join(exchange.getRequest().getBody(), (int) maxBytes)
                                .map(Buffers::bytes)
                                .defaultIfEmpty(new byte[0])
                                .onErrorMap(DataBufferLimitException.class, e -> IngestProblem.tooLarge(maxBytes))
                                .flatMap(body -> accept(items(body), tenant)));
    }

    private List<JsonNode> items(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw IngestProblem.badRequest("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // A number past Jackson's limits (e.g. 1e99999999999) throws this, not a JacksonException.
            throw IngestProblem.badRequest("The body is not valid JSON: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw IngestProblem.badRequest("The body is empty; send one event object or an array of events");
        }
        if (!root.isArray()) {
            return List.of(root);
        }
        if (root.size() > settings.maxItems()) {
            throw IngestProblem.badRequest("The batch has " + root.size() + " events; send at most " + settings.maxItems());
        }
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    private Mono<ResponseEntity<Map<String, Object>>> accept(List<JsonNode> items, String tenant) {
        List<UsageEvent> valid = new ArrayList<>(items.size());
        List<ItemError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ParseResult result = reader.read(items.get(i), tenant);
            if (result instanceof ParseResult.Valid ok) {
                valid.add(ok.event());
            } else {
                ParseResult.Invalid invalid = (ParseResult.Invalid) result;
                JsonNode id = items.get(i).get("id");
                errors.add(ItemError.of(i, id != null && id.isString() ? id.stringValue() : null, invalid));
            }
        }
        rejected.increment(errors.size());
        return usageTopic.publishAll(valid)
                .then(Mono.fromRunnable(() -> accepted.increment(valid.size())))
                .then(Mono.fromCallable(() -> {
                    if (!errors.isEmpty()) {
                        throw IngestProblem.invalidItems(valid.size(), errors);
                    }
                    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.<String, Object>of("accepted", valid.size()));
                }));
    }
}
