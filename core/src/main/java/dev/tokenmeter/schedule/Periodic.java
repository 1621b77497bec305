package dev.tokenmeter.schedule;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A piece of background work run at each trigger (a tick of an interval, a wake-up, a notification)
 * while the application context runs: declared as a bean, it starts and stops with the context.
 * Runs never overlap: a trigger that comes while one runs waits, up to {@code pending} of them, and
 * past that is dropped (with {@code pending} 0, every trigger during a run is dropped). A run that
 * fails is logged and the next trigger runs again; stopping cancels the run in progress. Work that
 * needs one instance of several (a lease) takes the lease inside its run.
 *
 * @param <T> what a trigger carries (e.g. the tenant a notification names)
 */
public final class Periodic<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Supplier<Flux<T>> triggers;
    private final int pending;
    private final Function<T, Mono<?>> work;
    private final boolean enabled;
    private final Disposable.Swap running = Disposables.swap();

    private Periodic(String name, Supplier<Flux<T>> triggers, int pending, Function<T, Mono<?>> work, boolean enabled) {
        this.name = name;
        this.triggers = triggers;
        this.pending = pending;
        this.work = work;
        this.enabled = enabled;
    }

    /** Runs {@code work} every {@code interval}, the first time one interval after the start; a tick during a run is dropped. */
    public static Periodic<Long> every(String name, Duration interval, Supplier<? extends Mono<?>> work) {
        return every(name, interval, interval, work);
    }

    /** Runs {@code work} {@code first} after the start (zero: at once), then every {@code interval}; a tick during a run is dropped. */
    public static Periodic<Long> every(String name, Duration first, Duration interval, Supplier<? extends Mono<?>> work) {
        return on(name, () -> Flux.interval(first, interval), 0, tick -> work.get());
    }

    /**
     * Runs {@code work} for each element of {@code triggers} (subscribed at each start), one at a time, with
     * at most {@code pending} elements waiting.
     */
    public static <T> Periodic<T> on(String name, Supplier<Flux<T>> triggers, int pending, Function<T, Mono<?>> work) {
        return new Periodic<>(name, triggers, pending, work, true);
    }

    /** The same work, started with the context only if {@code enabled}. */
    public Periodic<T> enabled(boolean enabled) {
        return new Periodic<>(name, triggers, pending, work, enabled);
    }

    @Override
    public void start() {
        if (!enabled || isRunning()) {
            return;
        }
        Flux<T> waiting = pending == 0
                ? triggers.get().onBackpressureDrop(dropped -> log.debug("{} still running; trigger {} dropped", name, dropped))
                : triggers.get().onBackpressureBuffer(pending,
                        dropped -> log.debug("{} still running; trigger {} dropped", name, dropped), BufferOverflowStrategy.DROP_LATEST);
        running.update(waiting
                .concatMap(this::runOnce, 0)
                .subscribe());
    }

    private Mono<?> runOnce(T trigger) {
        return Mono.defer(() -> work.apply(trigger))
                .onErrorResume(e -> {
                    log.warn("{} failed; it runs again at the next trigger", name, e);
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        running.update(Disposables.disposed());
    }

    @Override
    public boolean isRunning() {
        Disposable current = running.get();
        return current != null && !current.isDisposed();
    }

    @Override
    public String toString() {
        return "Periodic[" + name + "]";
    }
}
