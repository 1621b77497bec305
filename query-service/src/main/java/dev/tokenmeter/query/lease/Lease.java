package dev.tokenmeter.query.lease;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Named leases shared by every instance on the same database: at most one instance holds a name, and
 * only the holder runs the work given for it. Once taken, a lease stays with its holder across runs
 * (so a periodic job runs on one instance per tick, not on each in turn) until the holder stops or dies.
 *
 * <p>Held as a PostgreSQL session advisory lock ({@code pg_try_advisory_lock}) on a connection of its
 * own, outside the pool. A session lock lives exactly as long as its session, which is why this and not
 * a lease row with an expiry: when the holder is killed ({@code kill -9}, OOM, crash) its operating
 * system closes the socket, PostgreSQL ends the session and the lock is free at once, with no expiry to
 * wait for and no clocks to agree on; a holder that pauses cannot lose the lease while it still runs. A
 * holder whose machine or network vanishes without closing the socket is noticed through TCP keepalives
 * within {@link LeaseSettings#deadHolderTimeout()}. Only after a database restart or a lost connection
 * can two instances overlap briefly (the old holder's work still running when another takes over), so
 * the work must be safe to repeat, as budget evaluation is.
 *
 * <p>Keys: a fixed class id and the name's {@link String#hashCode()}; two names with the same hash
 * would share a lease (harmless, one would wait), none of the current names do.
 */
@Component
public class Lease implements DisposableBean {

    /** The first key of every lease lock ({@code 'tmls'}), so they never collide with other advisory locks. */
    static final int CLASS_ID = 0x746d6c73;
    private static final Logger log = LoggerFactory.getLogger(Lease.class);
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(" + CLASS_ID + ", $1) AS taken";
    private static final String HOLDS = """
            SELECT count(*) AS held FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
               AND pid = pg_backend_pid() AND classid::bigint = %d AND objid::bigint = $1""".formatted(CLASS_ID);

    private final ConnectionFactory connections;
    private final LeaseSettings settings;
    private final Map<String, Connection> held = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** @param connections the database; a pool is unwrapped, since a lease needs a connection no one else uses */
    public Lease(ConnectionFactory connections, LeaseSettings settings) {
        this.connections = connections instanceof Wrapped<?> pool && pool.unwrap() instanceof ConnectionFactory direct
                ? direct
                : connections;
        this.settings = settings;
    }

    /**
     * Runs the work if this instance holds the lease, taking it when it is free.
     *
     * @return true once the work completed here; false, without running it, when another instance holds
     *         the lease or this instance is still running work under it. The work's error is passed on.
     */
    public Mono<Boolean> tryRun(String name, Mono<?> work) {
        return Mono.defer(() -> running.add(name)
                ? holding(name)
                        .flatMap(holds -> holds ? work.then(Mono.just(true)) : Mono.just(false))
                        // Done before the answer is seen, so the caller's next tryRun never finds it still running.
                        .doOnNext(ran -> running.remove(name))
                        .doFinally(signal -> running.remove(name))
                : Mono.just(false));
    }

    /** Gives the lease up (if held here) so that another instance may take it at once. */
    public Mono<Void> release(String name) {
        Connection connection = held.remove(name);
        return connection == null ? Mono.empty() : close(connection);
    }

    /** Whether this instance holds the lease: still, on the session that took it, or now. */
    private Mono<Boolean> holding(String name) {
        Connection connection = held.get(name);
        Mono<Boolean> still = connection == null ? Mono.just(false) : stillHeld(name, connection);
        return still.flatMap(holds -> holds ? Mono.just(true) : take(name));
    }

    private Mono<Boolean> stillHeld(String name, Connection connection) {
        return Mono.from(connection.createStatement(HOLDS).bind("$1", Integer.toUnsignedLong(key(name))).execute())
                .flatMap(result -> Mono.from(result.map(row -> row.get("held", Long.class))))
                .map(count -> count > 0)
                .onErrorReturn(false)
                .flatMap(holds -> holds ? Mono.just(true) : forget(name, connection).thenReturn(false));
    }

    private Mono<Boolean> take(String name) {
        return Mono.from(connections.create())
                .flatMap(connection -> tryLock(name, connection)
                        .onErrorResume(e -> close(connection).then(Mono.error(e)))
                        .flatMap(taken -> taken ? keep(name, connection) : close(connection).thenReturn(false)));
    }

    private Mono<Boolean> tryLock(String name, Connection connection) {
        return Flux.from(connection.createStatement(settings.keepalives()).execute())
                .flatMap(result -> result.getRowsUpdated())
                .then(Mono.from(connection.createStatement(TRY_LOCK).bind("$1", key(name)).execute()))
                .flatMap(result -> Mono.from(result.map(row -> Boolean.TRUE.equals(row.get("taken", Boolean.class)))));
    }

    private Mono<Boolean> keep(String name, Connection connection) {
        log.info("Took the lease {}", name);
        held.put(name, connection);
        return Mono.just(true);
    }

    private Mono<Void> forget(String name, Connection connection) {
        log.warn("Lost the lease {} (its connection ended); trying to take it again", name);
        held.remove(name, connection);
        return close(connection);
    }

    private static Mono<Void> close(Connection connection) {
        return Mono.from(connection.close()).onErrorResume(e -> Mono.empty());
    }

    static int key(String name) {
        return name.hashCode();
    }

    /** Gives every lease up on shutdown, so that another instance takes over at its next try. */
    @Override
    public void destroy() {
        Flux.fromIterable(Set.copyOf(held.keySet()))
                .flatMap(this::release)
                .then()
                .block(Duration.ofSeconds(5));
    }
}
