package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.outbound.OutboundGuard;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the API answers about rules and their notices. */
final class RuleViews {

    private RuleViews() {
    }

    /**
     * A rule as the API shows it: {@code id, tenant, kind, name, scope, enabled}, the kind's settings at the top
     * level (as they are sent), {@code channels}, {@code createdAt}, {@code updatedAt}.
     *
     * @param wholeUrls whether the reader may see channel URLs whole (admins); else they are masked
     */
    static Map<String, Object> rule(Rule rule, boolean wholeUrls) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", rule.id());
        view.put("tenant", rule.tenant());
        view.put("kind", rule.kind().code());
        view.put("name", rule.name());
        view.put("scope", rule.scope());
        view.put("enabled", rule.enabled());
        view.putAll(rule.spec().view());
        view.put("channels", rule.channels().stream().map(c -> channel(c, wholeUrls)).toList());
        view.put("createdAt", rule.createdAt());
        view.put("updatedAt", rule.updatedAt());
        return view;
    }

    /** A channel in the shape budgets show theirs. */
    record ChannelView(String id, String type, @Nullable String url, String format, boolean hasSecret,
            @Nullable List<String> recipients) {
    }

    static ChannelView channel(RuleChannel c, boolean wholeUrl) {
        if (c.isEmail()) {
            String to = c.url().getSchemeSpecificPart();
            return new ChannelView(c.id(), "email", null, c.format(), false, Arrays.asList(to.split(",")));
        }
        return new ChannelView(c.id(), "webhook", wholeUrl ? c.url().toString() : OutboundGuard.masked(c.url().toString()),
                c.format(), c.secret() != null, null);
    }

    record Page<T>(List<T> items) {
    }

    /**
     * What {@code POST .../evaluate} did.
     *
     * @param raised how many notices it raised (their deliveries are in the outbox)
     * @param status the figures it looked at
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "RuleEvaluateView") // not the budgets' EvaluateView
    record EvaluateView(int raised, Map<String, Object> status) {
    }

    /**
     * What {@code POST .../dry-run} found, nothing sent or recorded.
     *
     * @param wouldSend     the notice evaluating now would raise, with each channel's payload exactly; null when none
     * @param alreadyRaised true when that notice was raised before (evaluating would not send it again)
     */
    record NoticeDryRun(Map<String, Object> status, @Nullable NoticeWouldSend wouldSend, boolean alreadyRaised) {
    }

    /** A notice and what each channel would receive; its id is not stored, a real notice gets another. */
    record NoticeWouldSend(String type, Object notice, List<Deliveries.NoticePreview> deliveries) {
    }

    /**
     * A raised notice with its deliveries.
     *
     * @param notice the JSON delivered to json channels
     */
    record NoticeView(String id, String ruleId, String type, String occurrence, Instant raisedAt, Object notice,
            List<Deliveries.State> deliveries) {
    }
}
