package dev.tokenmeter.testsupport;

/** A running PostgreSQL server that tests reach over TCP, whichever way it was started. */
interface PostgresServer extends AutoCloseable {

    String host();

    /** The TCP port; it stays the same across {@link #stop()} and {@link #start()}. */
    int port();

    String username();

    String password();

    /** Takes the server away to simulate an outage. */
    void stop();

    /** Brings the server back after {@link #stop()}, with its data. */
    void start();

    /** Shuts the server down for good and releases its resources. */
    @Override
    void close();
}
