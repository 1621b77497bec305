package dev.tokenmeter.query.budget;

import java.time.Instant;

/**
 * An alert about to be raised: what it is about and the exact JSON it delivers.
 *
 * @param json the body serialised once, so that what is stored, signed and sent is the same text
 */
record Alert(AlertKey key, Evaluation evaluation, Instant raisedAt, AlertBody body, String json) {

    String id() {
        return body.id();
    }

    Budget budget() {
        return evaluation.budget();
    }
}
