package dev.tokenmeter.query;

import io.r2dbc.pool.ConnectionPool;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The CSV exports' own small connection pool ({@code tokenmeter.query.database.export}): however many
 * downloads are slow, they hold only these connections, never the dashboard's.
 */
public record ExportDatabase(DatabaseClient client, ConnectionPool pool) implements AutoCloseable {

    @Override
    public void close() {
        pool.dispose();
    }
}
