package dev.tokenmeter.ingest.pipeline;

import io.r2dbc.spi.R2dbcException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;

/**
 * Tells the failures retrying can cure from those it cannot. Only data the database refuses —
 * SQLSTATE class 22 (data exception, e.g. a sum past its column) or 23 (integrity constraint) — is
 * permanent: it follows the record wherever it is written. Everything else is transient and paused
 * on: connection (08), transaction rollback (40), resources (53), operator intervention (57),
 * timeouts, and also 42, 0A and XX, since a missing table or a revoked privilege is a deployment
 * fault that refusing valid events would turn into data loss.
 */
final class Failures {

    private Failures() {
    }

    /** Whether the database refused the data itself. */
    static boolean refusedData(Throwable failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /** The SQLSTATE of the first database error in the cause chain, or null. */
    static @Nullable String sqlState(Throwable failure) {
        R2dbcException database = databaseError(failure);
        return database == null ? null : database.getSqlState();
    }

    /** A bounded label of a transient failure for metrics: the SQLSTATE class, {@code timeout}, {@code kafka} or {@code other}. */
    static String kind(Throwable failure) {
        String state = sqlState(failure);
        if (state != null && state.length() >= 2) {
            return "sqlstate_" + state.substring(0, 2).toLowerCase(Locale.ROOT);
        }
        if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
            return "timeout";
        }
        return failure instanceof KafkaException ? "kafka" : "other";
    }

    /** The database's code and message, for {@code x-error-detail}. */
    static String describe(Throwable failure) {
        R2dbcException database = databaseError(failure);
        return database == null ? failure.toString() : "SQLSTATE " + database.getSqlState() + ": " + database.getMessage();
    }

    private static @Nullable R2dbcException databaseError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof R2dbcException database && database.getSqlState() != null) {
                return database;
            }
        }
        return null;
    }
}
