package dev.tokenmeter.query.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tokenmeter.testsupport.Infrastructure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Leases against the real PostgreSQL: of two contenders only one runs, and keeps the lease across
 * runs; releasing it, or the holder dying (its session ended by the server, or its process killed
 * with {@code kill -9}), lets the other take it at its next try.
 */
class LeaseIT {

    static final Infrastructure infra = Infrastructure.shared();
    static final String database = infra.createDatabase("lease");
    static final LeaseSettings SETTINGS = new LeaseSettings(Duration.ofSeconds(30));

    @Test
    void ofTwoContendersOnlyOneRunsAndKeepsTheLeaseUntilItReleasesIt() {
        Lease a = lease();
        Lease b = lease();
        List<String> ran = new CopyOnWriteArrayList<>();
        var both = Mono.zip(
                a.tryRun("contended", work(ran, "a")).subscribeOn(Schedulers.parallel()),
                b.tryRun("contended", work(ran, "b")).subscribeOn(Schedulers.parallel()))
                .block();
        assertThat(List.of(both.getT1(), both.getT2())).containsExactlyInAnyOrder(true, false);
        assertThat(ran).hasSize(1);
        String winner = ran.get(0);
        Lease holder = winner.equals("a") ? a : b;
        Lease other = winner.equals("a") ? b : a;

        // The holder keeps the lease between runs: the other never gets a turn, even while the holder is idle.
        for (int round = 0; round < 3; round++) {
            assertThat(other.tryRun("contended", work(ran, "other")).block()).isFalse();
            assertThat(holder.tryRun("contended", work(ran, winner)).block()).isTrue();
        }
        assertThat(ran).containsOnly(winner).hasSize(4);
        // Another name is another lease.
        assertThat(other.tryRun("another", work(ran, "other")).block()).isTrue();

        holder.release("contended").block();
        assertThat(other.tryRun("contended", work(ran, "other")).block()).isTrue();
        assertThat(holder.tryRun("contended", work(ran, winner)).block()).isFalse();
        a.destroy();
        b.destroy();
    }

    @Test
    void workStillRunningOnThisInstanceIsNotStartedTwice() {
        Lease a = lease();
        List<String> ran = new CopyOnWriteArrayList<>();
        var both = Mono.zip(
                a.tryRun("busy", work(ran, "first")).subscribeOn(Schedulers.parallel()),
                a.tryRun("busy", work(ran, "second")).subscribeOn(Schedulers.parallel()))
                .block();
        assertThat(List.of(both.getT1(), both.getT2())).containsExactlyInAnyOrder(true, false);
        assertThat(ran).hasSize(1);
        assertThat(a.tryRun("busy", work(ran, "third")).block()).isTrue();
        a.destroy();
    }

    @Test
    void aHolderWhoseSessionEndsLosesTheLeaseToTheNextContender() throws Exception {
        Lease a = lease();
        Lease b = lease();
        List<String> ran = new CopyOnWriteArrayList<>();
        assertThat(a.tryRun("terminated", work(ran, "a")).block()).isTrue();
        assertThat(b.tryRun("terminated", work(ran, "b")).block()).isFalse();

        assertThat(terminateHolder("terminated")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> b.tryRun("terminated", work(ran, "b")).block());
        // The old holder sees its session gone and does not run alongside.
        assertThat(a.tryRun("terminated", work(ran, "a")).block()).isFalse();
        assertThat(ran).containsExactly("a", "b");
        a.destroy();
        b.destroy();
    }

    @Test
    void aHolderKilledWithSigkillReleasesTheLeaseAtOnce() throws Exception {
        Process holder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx64m", LeaseHolder.class.getName(),
                infra.r2dbcUrl(database), infra.username(), infra.password(), "killed")
                .redirectErrorStream(true)
                .start();
        Lease b = lease();
        List<String> ran = new CopyOnWriteArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> "HELD".equals(out.readLine()));
            assertThat(b.tryRun("killed", work(ran, "b")).block()).isFalse();

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no unlock
            assertThat(holder.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b.tryRun("killed", work(ran, "b")).block());
            System.out.printf("Lease taken over %d ms after the holder was killed%n", (System.nanoTime() - killed) / 1_000_000);
            assertThat(ran).containsExactly("b");
        } finally {
            holder.destroyForcibly();
            b.destroy();
        }
    }

    private static Mono<String> work(List<String> ran, String who) {
        return Mono.delay(Duration.ofMillis(100)).map(tick -> who).doOnNext(ran::add);
    }

    private static Lease lease() {
        return new Lease(LeaseHolder.connections(infra.r2dbcUrl(database), infra.username(), infra.password()), SETTINGS);
    }

    /** Ends the holder's session from the server side, as a lost connection would; answers how many were ended. */
    private static int terminateHolder(String name) throws Exception {
        try (var connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.username(), infra.password());
                var terminate = connection.prepareStatement("""
                        SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                        WHERE locktype = 'advisory' AND classid::bigint = ? AND objid::bigint = ?""")) {
            terminate.setLong(1, Lease.CLASS_ID);
            terminate.setLong(2, Integer.toUnsignedLong(Lease.key(name)));
            try (var rows = terminate.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
