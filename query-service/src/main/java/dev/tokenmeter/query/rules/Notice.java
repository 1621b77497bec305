package dev.tokenmeter.query.rules;

import java.time.Instant;

/**
 * Something a rule raises: a usage rule firing or resolving, a spend anomaly, a digest.
 *
 * @param occurrence unique per rule ({@code fire:3}, {@code resolve:3}, {@code anomaly:<period start>},
 *                   {@code digest:<period start>}): a second raise of the same occurrence is a no-op
 * @param json       the body serialised once, so that what is stored and what a JSON channel receives are the same text
 * @param message    what people read: the email's subject and parts, and Slack's text
 */
record Notice(String id, Rule rule, String type, String occurrence, Instant raisedAt, Object body, String json,
        Message message) {

    /** @param text plain text; {@code html} the same as HTML */
    record Message(String subject, String text, String html) {

        /** Slack's incoming-webhook text: the subject in bold, then the text. */
        String slack() {
            return "*" + subject + "*\n" + text;
        }
    }
}
