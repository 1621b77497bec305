package dev.tokenmeter.client;

import dev.tokenmeter.event.EventJson;
import dev.tokenmeter.event.EventLimits;
import dev.tokenmeter.event.EventReader;
import dev.tokenmeter.event.ParseResult;
import dev.tokenmeter.event.UsageEvent;
import java.time.Clock;

/**
 * The contract check a publisher runs before sending: the exact reader the ingest service uses,
 * applied to the exact bytes that will be sent, so an event that passes here is accepted there
 * (unless the clocks disagree by more than the contract's skew).
 */
final class EventCheck {

    private final EventReader reader;

    EventCheck(Clock clock) {
        this.reader = new EventReader(EventLimits.DEFAULT, clock);
    }

    /** The event's canonical JSON, which is what goes on the wire. */
    byte[] validJson(UsageEvent event) {
        byte[] json = EventJson.toBytes(event);
        if (reader.read(json) instanceof ParseResult.Invalid invalid) {
            throw new InvalidEventException(event.id(), invalid.violations());
        }
        return json;
    }
}
