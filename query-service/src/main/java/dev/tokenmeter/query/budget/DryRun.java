package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.budget.BudgetViews.StatusView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /budgets/{id}/dry-run}: the budget evaluated now, and what that evaluation would send —
 * every channel's request or email exactly as it would go out, signed — without sending or recording
 * anything.
 *
 * @param wouldSend     the alerts due and not yet raised in this period
 * @param alreadyRaised the alerts due but raised before in this period: they are never sent again
 * @param sample        when nothing would be sent, the alert of the lowest threshold as it would look, to
 *                      test a receiver's signature check; null otherwise
 */
record DryRun(StatusView status, List<WouldSend> wouldSend, List<AlreadyRaised> alreadyRaised, @Nullable WouldSend sample) {

    /** An alert and what each channel would get; the ids are not stored, so a real alert gets other ones. */
    record WouldSend(String kind, int threshold, AlertBody alert, List<Preview> requests) {
    }

    /**
     * What one channel would get. For a webhook: the URL, headers and body of the POST. For email:
     * {@code url} is {@code mailto:} the recipients, {@code headers} the message's own headers, {@code body}
     * the plain-text part, and {@code email} subject, text and HTML parts.
     */
    record Preview(String channelId, String format, String url, Map<String, String> headers, String body,
            @Nullable AlertEmail email, @Nullable List<String> to) {
    }

    record AlreadyRaised(String alertId, String kind, int threshold) {
    }

    static DryRun of(Evaluation evaluation, Map<AlertKey, String> raised, int forecastAfterPercent,
            Function<AlertKey, WouldSend> preview) {
        List<WouldSend> wouldSend = new ArrayList<>();
        List<AlreadyRaised> alreadyRaised = new ArrayList<>();
        for (AlertKey key : evaluation.alertsDue(forecastAfterPercent)) {
            String id = raised.get(key);
            if (id != null) {
                alreadyRaised.add(new AlreadyRaised(id, key.kind().code(), key.threshold()));
            } else {
                wouldSend.add(preview.apply(key));
            }
        }
        List<Integer> thresholds = evaluation.budget().thresholds();
        WouldSend sample = wouldSend.isEmpty() ? preview.apply(AlertKey.threshold(thresholds.get(0))) : null;
        return new DryRun(StatusView.of(evaluation), wouldSend, alreadyRaised, sample);
    }

}
