package dev.tokenmeter.client;

/**
 * The publisher's bounded buffer stayed full for {@code maxBlock}: Tokenmeter is unreachable or
 * slower than the rate of publishing. The event was not queued; publish it again later.
 */
public class BufferFullException extends PublishException {

    public BufferFullException(String message, Throwable cause) {
        super(message, cause);
    }

    public BufferFullException(String message) {
        super(message);
    }
}
