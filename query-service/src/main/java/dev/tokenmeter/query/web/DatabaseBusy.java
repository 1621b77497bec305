package dev.tokenmeter.query.web;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Tells a failure that retrying later can cure (the database was too busy, or unreachable) from a
 * fault: the former is answered 503 with {@code Retry-After}, never 500.
 */
final class DatabaseBusy {

    /**
     * SQLSTATEs of a statement PostgreSQL gave up on: {@code 57014} query_canceled (statement_timeout
     * or a cancel request), {@code 55P03} lock_not_available (lock_timeout), {@code 25P03}
     * idle_in_transaction_session_timeout, {@code 57P01} admin_shutdown, {@code 53300}
     * too_many_connections, {@code 40001} / {@code 40P01} serialization failure and deadlock.
     */
    static final Set<String> TRANSIENT_STATES = Set.of("57014", "55P03", "25P03", "57P01", "53300", "40001", "40P01");

    private DatabaseBusy() {
    }

    /** What made the database unable to answer, for the problem's detail; null when {@code failure} is something else. */
    static @Nullable String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null && TRANSIENT_STATES.contains(r2dbc.getSqlState())) {
                return r2dbc.getSqlState().equals("55P03")
                        ? "The database did not grant a lock in time"
                        : "The database cancelled the query (SQLSTATE " + r2dbc.getSqlState() + ")";
            }
            if (t instanceof R2dbcTimeoutException || t instanceof TimeoutException) {
                return "No database connection became free in time";
            }
        }
        return failure instanceof DataAccessResourceFailureException ? "The database could not be reached" : null;
    }
}
