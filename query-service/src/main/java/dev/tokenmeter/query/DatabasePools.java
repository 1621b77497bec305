package dev.tokenmeter.query;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query service's connection pools and the limits PostgreSQL enforces on their sessions
 * ({@code tokenmeter.query.database.*}). Each pool's timeouts are session parameters sent when a
 * connection starts, so PostgreSQL itself cancels an over-long statement or lock wait, whatever the
 * Java side does; a zero duration disables that limit. The defaults are in {@code application.yml}.
 *
 * @param dashboard  the API's own pool (its size and acquire time are {@code spring.r2dbc.pool.*})
 * @param export     the CSV exports' pool: small, so slow downloads never take the dashboard's connections
 * @param jobs       background jobs (re-pricing)
 * @param retryAfter what {@code Retry-After} tells a client after the database was too busy to answer
 */
@ConfigurationProperties("tokenmeter.query.database")
public record DatabasePools(Session dashboard, Pool export, Pool jobs, @DefaultValue("5s") Duration retryAfter) {

    /**
     * Session limits of one pool.
     *
     * @param statementTimeout          {@code statement_timeout}: longest one statement may run
     * @param lockTimeout               {@code lock_timeout}: longest one statement may wait for a lock
     * @param idleInTransactionTimeout  {@code idle_in_transaction_session_timeout}: longest a transaction may sit idle
     */
    public record Session(Duration statementTimeout, Duration lockTimeout, Duration idleInTransactionTimeout) {
    }

    /**
     * A pool of its own.
     *
     * @param maxSize        most connections open at once
     * @param maxAcquireTime longest a caller waits for a free connection before it is answered 503
     */
    public record Pool(int maxSize, Duration maxAcquireTime, Duration statementTimeout, Duration lockTimeout,
            Duration idleInTransactionTimeout) {

        public Pool {
            if (maxSize < 1) {
                throw new IllegalArgumentException("a pool needs at least one connection, not " + maxSize);
            }
        }

        Session session() {
            return new Session(statementTimeout, lockTimeout, idleInTransactionTimeout);
        }
    }
}
