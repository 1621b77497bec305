package dev.tokenmeter.query.budget;

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
 * while the application runs, unless {@code tokenmeter.budgets.evaluate} is false. Evaluations never
 * overlap on one instance: a tick that comes while one still runs is dropped.
 */
@Component
class EvaluationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EvaluationSchedule.class);

    private final Evaluator evaluator;
    private final BudgetSettings settings;
    private volatile @Nullable Disposable running;

    EvaluationSchedule(Evaluator evaluator, BudgetSettings settings) {
        this.evaluator = evaluator;
        this.settings = settings;
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

    /** One round; its failure is logged and the schedule goes on. */
    private Mono<Integer> evaluateOnce() {
        return evaluator.evaluateNow()
                .doOnNext(raised -> log.debug("Budget evaluation raised {} alerts", raised))
                .onErrorResume(e -> {
                    log.warn("Budget evaluation failed; retrying at the next tick", e);
                    return Mono.just(0);
                });
    }

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
