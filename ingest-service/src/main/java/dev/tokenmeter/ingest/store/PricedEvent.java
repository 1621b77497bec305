package dev.tokenmeter.ingest.store;

import dev.tokenmeter.event.EventJson;
import dev.tokenmeter.event.UsageEvent;
import dev.tokenmeter.pricing.Cost;
import java.util.HexFormat;

/**
 * A valid event with its cost and fingerprint, ready to store.
 *
 * @param fingerprintHex SHA-256 of the canonical JSON, in hex (what the store binds and compares); a
 *                       redelivery with another fingerprint is a conflict
 */
public record PricedEvent(UsageEvent event, Cost cost, String fingerprintHex) {

    private static final HexFormat HEX = HexFormat.of();

    public static PricedEvent of(UsageEvent event, Cost cost) {
        return new PricedEvent(event, cost, HEX.formatHex(EventJson.fingerprint(event)));
    }

    /** With the fingerprint computed as it first was, from the canonical form's tree (to compare the two paths). */
    public static PricedEvent ofTree(UsageEvent event, Cost cost) {
        return new PricedEvent(event, cost, HEX.formatHex(EventJson.fingerprintOfTree(event)));
    }
}
