package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.budget.BudgetViews.StatusView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /budgets/{id}/dry-run}: the budget evaluated now, and what that evaluation would send —
 * every request exactly as it would go out, signed — without sending or recording anything.
 *
 * @param wouldSend     the alerts due and not yet raised in this period
 * @param alreadyRaised the alerts due but raised before in this period: they are never sent again
 * @param sample        when nothing would be sent, the alert of the lowest threshold as it would look, to
 *                      test a receiver's signature check; null otherwise
 */
record DryRun(StatusView status, List<WouldSend> wouldSend, List<AlreadyRaised> alreadyRaised, @Nullable WouldSend sample) {

    /** An alert and its requests, one per channel; the ids are not stored, so a real alert gets another one. */
    record WouldSend(String kind, int threshold, AlertBody alert, List<Webhooks.Request> requests) {
    }

    record AlreadyRaised(String alertId, String kind, int threshold) {
    }

    static DryRun of(Evaluation evaluation, List<Alerts.Raised> raised, int forecastAfterPercent,
                     BiFunction<Evaluation, AlertKey, Alert> alerts, Webhooks webhooks, long timestamp) {
        Map<AlertKey, String> before = raised.stream().collect(Collectors.toMap(Alerts.Raised::key, Alerts.Raised::id));
        List<WouldSend> wouldSend = new ArrayList<>();
        List<AlreadyRaised> alreadyRaised = new ArrayList<>();
        for (AlertKey key : evaluation.alertsDue(forecastAfterPercent)) {
            String id = before.get(key);
            if (id != null) {
                alreadyRaised.add(new AlreadyRaised(id, key.kind().code(), key.threshold()));
            } else {
                wouldSend.add(wouldSend(alerts.apply(evaluation, key), webhooks, timestamp));
            }
        }
        List<Integer> thresholds = evaluation.budget().thresholds();
        WouldSend sample = wouldSend.isEmpty()
                ? wouldSend(alerts.apply(evaluation, AlertKey.threshold(thresholds.get(0))), webhooks, timestamp)
                : null;
        return new DryRun(StatusView.of(evaluation), wouldSend, alreadyRaised, sample);
    }

    private static WouldSend wouldSend(Alert alert, Webhooks webhooks, long timestamp) {
        List<Webhooks.Request> requests = alert.budget().channels().stream()
                .map(channel -> webhooks.request(alert, channel, timestamp))
                .toList();
        return new WouldSend(alert.key().kind().code(), alert.key().threshold(), alert.body(), requests);
    }
}
