package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.lease.Lease;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Evaluates every enabled rule each {@code tokenmeter.rules.evaluation-interval} while the application
 * runs, unless {@code tokenmeter.rules.evaluate} is false. Of several instances only the holder of the
 * {@value #LEASE} {@link Lease} evaluates (as for budgets); should two overlap after a lost connection,
 * each notice is still raised once (its occurrence is unique) and a usage rule's steps are serialised
 * on its state row.
 */
@Component
class RuleSchedule implements SmartLifecycle {

    static final String LEASE = "rule-evaluation";
    private static final Logger log = LoggerFactory.getLogger(RuleSchedule.class);

    private final Rules rules;
    private final RuleEvaluator evaluator;
    private final RuleSettings settings;
    private final Lease lease;
    private final Clock clock;
    private volatile @Nullable Disposable running;

    RuleSchedule(Rules rules, RuleEvaluator evaluator, RuleSettings settings, Lease lease, Clock clock) {
        this.rules = rules;
        this.evaluator = evaluator;
        this.settings = settings;
        this.lease = lease;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!settings.evaluate() || running != null) {
            return;
        }
        running = Flux.interval(settings.evaluationInterval())
                .onBackpressureDrop(tick -> log.debug("Rule evaluation still running; tick {} skipped", tick))
                .concatMap(tick -> evaluateOnce(), 0)
                .subscribe();
        log.info("Evaluating rules, anomaly watches and digests every {}", settings.evaluationInterval());
    }

    /** One round at the clock's instant, if this instance holds the lease. */
    Mono<Boolean> evaluateOnce() {
        return lease.tryRun(LEASE, Mono.defer(() -> evaluator.evaluateAll(rules.enabled(), clock.instant())))
                .onErrorResume(e -> {
                    log.warn("Rule evaluation failed; retrying at the next tick", e);
                    return Mono.just(false);
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
