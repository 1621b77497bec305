package dev.tokenmeter.client;

/**
 * An event was not accepted by Tokenmeter. Whether publishing it again may help depends on the
 * subtype: an {@link InvalidEventException} never will; for the others, re-publishing the same
 * event (same id) later is safe, as Tokenmeter counts an id once.
 */
public class PublishException extends RuntimeException {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
