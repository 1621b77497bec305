package dev.tokenmeter.deploy;

/**
 * A command-line flag or environment variable a command (the launcher, the price import, the DLQ replay) cannot
 * use; the message says which and why.
 */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
