package dev.tokenmeter.query;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The background jobs' connection pool ({@code tokenmeter.query.database.jobs}), with longer
 * statement and lock timeouts than the dashboard's, and transactions on it.
 */
public record JobDatabase(DatabaseClient client, TransactionalOperator transactions, ConnectionPool pool) implements AutoCloseable {

    @Override
    public void close() {
        pool.dispose();
    }
}
