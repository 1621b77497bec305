package dev.tokenmeter.query.rules;

import dev.tokenmeter.query.rules.Bodies.AnomalyBody;
import dev.tokenmeter.query.rules.Bodies.DigestBody;
import dev.tokenmeter.query.rules.Bodies.UsageBody;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

/** The words of a notice: subject, plain text and HTML, from its body. Pure. */
final class Render {

    static final String TEST_MARKER = "[TEST] ";

    private Render() {
    }

    static Notice.Message usage(UsageBody b, String link) {
        boolean fired = b.type().equals("rule.fired");
        String value = b.value() == null ? "no value" : number(b.measure(), b.value());
        String subject = marker(b.test()) + "Rule \"" + b.rule().name() + "\" " + (fired ? "fired" : "resolved") + ": "
                + b.measure() + " " + value + (fired ? " " + b.comparison() + " " + number(b.measure(), b.threshold()) : "")
                + " over the last " + b.window();
        List<String> lines = new ArrayList<>();
        lines.add(fired
                ? b.measure() + " was " + value + ", " + b.comparison() + " the threshold " + number(b.measure(), b.threshold())
                : b.measure() + " is back at " + value + " (clears " + (b.comparison().equals("above") ? "at or below " : "at or above ")
                        + number(b.measure(), b.clearThreshold()) + ")");
        lines.add("Scope: " + scope(b.rule().scope()) + " (tenant " + b.tenant() + ")");
        lines.add("Window: " + b.windowFrom() + " to " + b.windowTo());
        lines.add("Incident #" + b.incident() + ", notice " + b.id());
        lines.add("Dashboard: " + link);
        return message(subject, lines, b.test());
    }

    static Notice.Message anomaly(AnomalyBody b, String link) {
        String when = b.granularity().equals("day") ? "today" : "this hour";
        String subject = marker(b.test()) + "Spend anomaly \"" + b.rule().name() + "\": " + usd(b.spentUsd()) + " " + when
                + " so far, expected " + usd(b.expected().low()) + "-" + usd(b.expected().high());
        List<String> lines = new ArrayList<>();
        lines.add("Spend " + when + " so far (from " + b.periodStart() + " to " + b.asOf() + "): " + usd(b.spentUsd()));
        lines.add("Expected band: " + usd(b.expected().low()) + " to " + usd(b.expected().high()) + " (mean " + usd(b.expected().mean())
                + " + " + b.k().toPlainString() + " x spread " + usd(b.expected().spread()) + ")");
        lines.add("Same time in the last 4 weeks: " + String.join(", ", b.baselineUsd().stream().map(Render::usd).toList()));
        lines.add("Scope: " + scope(b.rule().scope()) + " (tenant " + b.tenant() + ")");
        lines.add("Dashboard: " + link);
        return message(subject, lines, b.test());
    }

    static Notice.Message digest(DigestBody b, String link) {
        String period = b.cadence().equals("weekly") ? "week" : "day";
        String subject = marker(b.test()) + (b.cadence().equals("weekly") ? "Weekly" : "Daily") + " digest \"" + b.rule().name()
                + "\": " + usd(b.current().costUsd()) + " spent (" + change(b.current().costUsd(), b.previous().costUsd())
                + " vs the previous " + period + ")";
        List<String> lines = new ArrayList<>();
        lines.add("Tenant " + b.tenant() + ", " + scope(b.rule().scope()) + ", from " + b.from() + " to " + b.to() + " (" + b.tz() + ")");
        lines.add("Spend:    " + usd(b.current().costUsd()) + " (previous " + usd(b.previous().costUsd()) + ")");
        lines.add("Requests: " + b.current().requests() + " (previous " + b.previous().requests() + ")");
        lines.add("Errors:   " + b.current().errors() + " = " + percent(b.current().errorRate()) + " (previous " + b.previous().errors()
                + " = " + percent(b.previous().errorRate()) + ")");
        lines.add("Tokens:   " + b.current().totalTokens() + " (previous " + b.previous().totalTokens() + ")");
        lines.add("Top movers:" + (b.movers().isEmpty() ? " none" : ""));
        b.movers().forEach(m -> lines.add("  " + m.dimension() + " " + m.key() + ": " + usd(m.costUsd()) + " ("
                + (m.changeUsd().signum() >= 0 ? "+" : "-") + usd(m.changeUsd().abs()) + ")"));
        lines.add("Budgets at risk:" + (b.budgetsAtRisk().isEmpty() ? " none" : ""));
        b.budgetsAtRisk().forEach(r -> lines.add("  " + r.name() + ": " + percent(r.share()) + " of its limit"));
        lines.add("Dashboard: " + link);
        return message(subject, lines, b.test());
    }

    /** The dashboard with the rule's scope as filters. */
    static String link(String publicUrl, Map<String, List<String>> scope, String range) {
        StringBuilder link = new StringBuilder(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/").append('?').append(range);
        scope.forEach((filter, values) -> values.forEach(v -> link.append('&').append(encode(filter)).append('=').append(encode(v))));
        return link.toString();
    }

    static String usd(BigDecimal value) {
        return "$" + value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String change(BigDecimal now, BigDecimal before) {
        if (before.signum() == 0) {
            return now.signum() == 0 ? "no change" : "new";
        }
        BigDecimal pct = now.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, MathContext.DECIMAL64)
                .setScale(0, RoundingMode.HALF_EVEN);
        return (pct.signum() >= 0 ? "+" : "") + pct.toPlainString() + "%";
    }

    private static String percent(BigDecimal share) {
        return share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString() + "%";
    }

    private static String number(String measure, BigDecimal value) {
        return measure.equals("costUsd") ? usd(value) : value.stripTrailingZeros().toPlainString();
    }

    private static String scope(Map<String, List<String>> scope) {
        if (scope.isEmpty()) {
            return "the whole tenant";
        }
        List<String> parts = new ArrayList<>();
        scope.forEach((k, v) -> parts.add(k + " = " + String.join(" or ", v)));
        return String.join(", ", parts);
    }

    private static String marker(boolean test) {
        return test ? TEST_MARKER : "";
    }

    private static Notice.Message message(String subject, List<String> lines, boolean test) {
        List<String> all = new ArrayList<>(lines);
        if (test) {
            all.add(0, "TEST MESSAGE: sent from the rule's \"test\" action; nothing was crossed.");
        }
        String text = String.join("\n", all) + "\n";
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body><h2>").append(HtmlUtils.htmlEscape(subject)).append("</h2><p>");
        for (String line : all) {
            String escaped = HtmlUtils.htmlEscape(line);
            html.append(line.startsWith("Dashboard: ")
                    ? "<a href=\"" + HtmlUtils.htmlEscape(line.substring(11)) + "\">Open the dashboard</a>"
                    : escaped.replace("  ", "&nbsp;&nbsp;")).append("<br>\n");
        }
        return new Notice.Message(subject, text, html.append("</p></body></html>\n").toString());
    }

    static String encode(@Nullable String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
