package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.lease.Lease;
import dev.tokenmeter.schedule.Periodic;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Evaluates every enabled rule each {@code tokenmeter.rules.evaluation-interval} while the application
 * runs, unless {@code tokenmeter.rules.evaluate} is false. Of several instances only the holder of the
 * {@value #LEASE} {@link Lease} evaluates (as for budgets); should two overlap after a lost connection,
 * each notice is still raised once (its occurrence is unique) and a usage rule's steps are serialised
 * on its state row.
 */
@Configuration(proxyBeanMethods = false)
class RuleSchedule {

    static final String LEASE = "rule-evaluation";
    private static final Logger log = LoggerFactory.getLogger(RuleSchedule.class);

    @Bean
    Periodic<Long> ruleEvaluation(Rules rules, RuleEvaluator evaluator, RuleSettings settings, Lease lease, Clock clock) {
        if (settings.evaluate()) {
            log.info("Evaluating rules, anomaly watches and digests every {}", settings.evaluationInterval());
        }
        // One round at the clock's instant, if this instance holds the lease.
        return Periodic.every("Rule evaluation", settings.evaluationInterval(),
                () -> lease.tryRun(LEASE, Mono.defer(() -> evaluator.evaluateAll(rules.enabled(), clock.instant()))))
                .enabled(settings.evaluate());
    }
}
