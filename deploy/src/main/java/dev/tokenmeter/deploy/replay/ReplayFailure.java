package dev.tokenmeter.deploy.replay;

/** The run cannot go on; the message says what failed and what to do next. */
final class ReplayFailure extends Exception {

    ReplayFailure(String message) {
        super(message);
    }

    ReplayFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
