package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.EventJson;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;

/**
 * A valid event with its cost and fingerprint, ready to store.
 *
 * @param fingerprint SHA-256 of the canonical JSON; a redelivery with another fingerprint is a conflict
 */
public record PricedEvent(UsageEvent event, Cost cost, byte[] fingerprint) {

    public static PricedEvent of(UsageEvent event, Cost cost) {
        return new PricedEvent(event, cost, EventJson.fingerprint(event));
    }
}
