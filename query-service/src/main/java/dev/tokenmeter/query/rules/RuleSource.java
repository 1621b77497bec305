package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.budget.AlertSource;
import dev.tokenmeter.query.rules.RuleViews.NoticeDryRun;
import dev.tokenmeter.query.rules.RuleViews.NoticeWouldSend;
import java.time.Clock;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Rules of every kind as an {@link AlertSource}: evaluate now, dry run and test send, at the application clock's instant. */
@Component
record RuleSource(RuleEvaluator evaluator, Deliveries deliveries, Clock clock) implements AlertSource<Rule, NoticeDryRun> {

    @Override
    public Mono<Integer> evaluate(Rule rule) {
        return evaluator.evaluate(rule, clock.instant());
    }

    @Override
    public Mono<NoticeDryRun> dryRun(Rule rule) {
        return evaluator.find(rule, clock.instant(), false)
                .flatMap(finding -> evaluator.raisedBefore(finding)
                        .map(before -> new NoticeDryRun(finding.status(), finding.notice() == null
                                ? null
                                : new NoticeWouldSend(finding.notice().type(), finding.notice().body(),
                                        deliveries.previews(finding.notice())),
                                before)));
    }

    /** The notice the rule would send were it due, with the current figures, marked as a test. */
    @Override
    public Mono<TestSend> test(Rule rule, String channelId) {
        return Mono.justOrEmpty(rule.channels().stream().filter(c -> c.id().equals(channelId)).findFirst())
                .flatMap(channel -> evaluator.find(rule, clock.instant(), true)
                        .flatMap(finding -> deliveries.test(Objects.requireNonNull(finding.notice()), channel)));
    }
}
