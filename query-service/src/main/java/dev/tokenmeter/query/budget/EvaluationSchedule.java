package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.lease.Lease;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Evaluates every budget each {@code tokenmeter.budgets.evaluation-interval} (a minute by default)
 * while the application runs, unless {@code tokenmeter.budgets.evaluate} is false. Of several
 * instances only the one holding the {@value #LEASE} {@link Lease} evaluates; the others try to take
 * it at each tick, so one takes over within an interval when the holder stops or dies. Evaluations
 * never overlap on one instance: a tick that comes while one still runs is dropped.
 */
@Component
class EvaluationSchedule implements SmartLifecycle {

    static final String LEASE = "budget-evaluation";
    private static final Logger log = LoggerFactory.getLogger(EvaluationSchedule.class);

    private final Evaluator evaluator;
    private final BudgetSettings settings;
    private final Lease lease;
    private volatile @Nullable Disposable running;

    EvaluationSchedule(Evaluator evaluator, BudgetSettings settings, Lease lease) {
        this.evaluator = evaluator;
        this.settings = settings;
        this.lease = lease;
    }

    @Override
    public void start() {
        if (!settings.evaluate() || running != null) {
            return;
        }
        running = Flux.interval(settings.evaluationInterval())
                .onBackpressureDrop(tick -> log.debug("Budget evaluation still running; tick {} skipped", tick))
                .concatMap(tick -> evaluateOnce(), 0)
                .subscribe();
        log.info("Evaluating budgets every {}", settings.evaluationInterval());
    }

    /** One round, if this instance holds the lease; its failure is logged and the schedule goes on. */
    private Mono<Boolean> evaluateOnce() {
        return lease.tryRun(LEASE, evaluator.evaluateNow()
                .doOnNext(raised -> log.debug("Budget evaluation raised {} alerts", raised)))
                .doOnNext(ran -> {
                    if (!ran) {
                        log.debug("Another instance evaluates budgets");
                    }
                })
                .onErrorResume(e -> {
                    log.warn("Budget evaluation failed; retrying at the next tick", e);
                    return Mono.just(false);
                });
    }

    /** Stops evaluating; the lease is given up when the application closes ({@link Lease#destroy()}). */
    @Override
    public void stop() {
        Disposable subscription = running;
        if (subscription != null) {
            subscription.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
