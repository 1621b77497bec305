package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.lease.Lease;
import dev.tokenmeter.schedule.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Evaluates every budget each {@code tokenmeter.budgets.evaluation-interval} (a minute by default)
 * while the application runs, unless {@code tokenmeter.budgets.evaluate} is false. Of several
 * instances only the one holding the {@value #LEASE} {@link Lease} evaluates; the others try to take
 * it at each tick, so one takes over within an interval when the holder stops or dies. Evaluations
 * never overlap on one instance: a tick that comes while one still runs is dropped.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationSchedule {

    static final String LEASE = "budget-evaluation";
    private static final Logger log = LoggerFactory.getLogger(EvaluationSchedule.class);

    /** The schedule; the lease is given up when the application closes ({@link Lease#destroy()}). */
    @Bean
    Periodic<Long> budgetEvaluation(Evaluator evaluator, BudgetSettings settings, Lease lease) {
        if (settings.evaluate()) {
            log.info("Evaluating budgets every {}", settings.evaluationInterval());
        }
        return Periodic.every("Budget evaluation", settings.evaluationInterval(), () -> evaluateOnce(evaluator, lease))
                .enabled(settings.evaluate());
    }

    /** One round, if this instance holds the lease. */
    private static Mono<Boolean> evaluateOnce(Evaluator evaluator, Lease lease) {
        return lease.tryRun(LEASE, evaluator.evaluateNow()
                .doOnNext(raised -> log.debug("Budget evaluation raised {} alerts", raised)))
                .doOnNext(ran -> {
                    if (!ran) {
                        log.debug("Another instance evaluates budgets");
                    }
                });
    }
}
