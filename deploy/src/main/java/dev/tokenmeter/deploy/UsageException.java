package dev.tokenmeter.deploy;

/** A command-line flag or environment variable the launcher cannot use; the message says which and why. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
