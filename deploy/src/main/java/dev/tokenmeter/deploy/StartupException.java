package dev.tokenmeter.deploy;

/**
 * The stack cannot start. The message is for the person at the terminal: what happened and what to
 * do next (and, for a child process, the end of its log).
 */
public final class StartupException extends Exception {

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
