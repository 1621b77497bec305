package dev.tokenmeter.ingest.store;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Wrapped;

/**
 * The PostgreSQL driver's own connection behind Spring's and the pool's wrappers, for what only it offers
 * ({@code COPY} here, {@code LISTEN} for the price notifications).
 */
public final class PostgresConnections {

    private PostgresConnections() {
    }

    /** The r2dbc-postgresql connection {@code connection} wraps; {@code purpose} names what needs it, for the error. */
    public static PostgresqlConnection unwrap(Connection connection, String purpose) {
        Object current = connection;
        while (!(current instanceof PostgresqlConnection) && current instanceof Wrapped<?> wrapped) {
            current = wrapped.unwrap();
        }
        if (current instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException(purpose + " needs a PostgreSQL R2DBC connection, got " + connection.getClass().getName());
    }
}
