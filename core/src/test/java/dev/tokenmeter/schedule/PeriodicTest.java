package dev.tokenmeter.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class PeriodicTest {

    @Test
    void runsNeverOverlapAndTicksDuringARunAreDropped() {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        Periodic<Long> periodic = Periodic.every("slow work", Duration.ZERO, Duration.ofMillis(5), () -> Mono.fromRunnable(() -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            runs.incrementAndGet();
        }).then(Mono.delay(Duration.ofMillis(50)))
                // doOnTerminate, not doFinally: doFinally runs after the completion reached Periodic, which may
                // already have started the next run, so the count would overlap where the runs do not
                .doOnTerminate(active::decrementAndGet));
        periodic.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 5);
        } finally {
            periodic.stop();
        }
        assertThat(mostActive).hasValue(1);
    }

    @Test
    void aFailedRunIsFollowedByTheNextOne() {
        AtomicInteger runs = new AtomicInteger();
        Periodic<Long> periodic = Periodic.every("failing work", Duration.ofMillis(10), () -> Mono.defer(() -> {
            if (runs.incrementAndGet() % 2 == 1) {
                return Mono.error(new IllegalStateException("database down"));
            }
            throw new IllegalArgumentException("thrown, not signalled");
        }));
        periodic.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 4);
            assertThat(periodic.isRunning()).isTrue();
        } finally {
            periodic.stop();
        }
    }

    @Test
    void stopCancelsTheRunInProgressAndEndsTheTicks() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        Periodic<Long> periodic = Periodic.every("endless work", Duration.ZERO, Duration.ofMillis(10),
                () -> Mono.fromRunnable(runs::incrementAndGet).then(Mono.never()).doOnCancel(() -> cancelled.set(true)));
        periodic.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
        periodic.stop();
        assertThat(periodic.isRunning()).isFalse();
        assertThat(cancelled).isTrue();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 1);
    }

    @Test
    void triggersCarryTheirValueAndWaitUpToTheBound() {
        Sinks.Many<String> notices = Sinks.many().multicast().directBestEffort();
        Sinks.One<Boolean> firstMayEnd = Sinks.one();
        List<String> seen = new CopyOnWriteArrayList<>();
        Periodic<String> periodic = Periodic.on("reloads", notices::asFlux, 2, tenant -> Mono.fromRunnable(() -> seen.add(tenant))
                .then(tenant.equals("a") ? firstMayEnd.asMono() : Mono.empty()));
        periodic.start();
        try {
            notices.tryEmitNext("a");
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
            notices.tryEmitNext("b");
            notices.tryEmitNext("c");
            notices.tryEmitNext("d");
            firstMayEnd.tryEmitValue(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> seen.size() == 3);
            assertThat(seen).containsExactly("a", "b", "c");
        } finally {
            periodic.stop();
        }
    }

    @Test
    void aDisabledScheduleNeverStarts() {
        AtomicInteger runs = new AtomicInteger();
        Periodic<Long> periodic = Periodic.every("disabled work", Duration.ZERO, Duration.ofMillis(5),
                () -> Mono.fromRunnable(runs::incrementAndGet)).enabled(false);
        periodic.start();
        assertThat(periodic.isRunning()).isFalse();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> runs.get() == 0);
    }
}
