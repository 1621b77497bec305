package dev.tokenmeter.query.budget;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The email of an alert: subject, a plain-text and an HTML part, rendered from the templates
 * {@code alert-email.txt} and {@code alert-email.html} beside this class ({@code {{name}}}
 * placeholders; values are HTML-escaped in the HTML part). Pure: the figures and the "what drove it"
 * lists come in from outside.
 */
record AlertEmail(String subject, String text, String html) {

    private static final String TEXT = template("alert-email.txt");
    private static final String HTML = template("alert-email.html");
    static final String TEST_MARKER = "[TEST] ";

    /**
     * The top keys of the period's spend in the budget's scope.
     *
     * @param projects top projects by cost, with their cost in USD; the same for models and apiKeys
     */
    record Drivers(Map<String, BigDecimal> projects, Map<String, BigDecimal> models, Map<String, BigDecimal> apiKeys) {

        static final Drivers NONE = new Drivers(Map.of(), Map.of(), Map.of());
    }

    static AlertEmail of(AlertBody alert, Budget budget, BudgetPeriod period, Drivers drivers, String publicUrl, boolean test) {
        String percent = alert.share().multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString() + "%";
        String headline = alert.type().equals("budget.forecast")
                ? "Budget \"" + budget.name() + "\" is on pace to exceed its limit"
                : "Budget \"" + budget.name() + "\" reached " + alert.threshold() + "% of its limit";
        String subject = (test ? TEST_MARKER : "") + headline + ": " + amount(alert.unit(), alert.spent()) + " of "
                + amount(alert.unit(), alert.limit());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("subject", subject);
        values.put("marker", test ? "TEST MESSAGE: sent from the budget's \"test\" action; no threshold was crossed." : "");
        values.put("headline", headline);
        values.put("budget", budget.name());
        values.put("scope", scope(budget));
        values.put("period", alert.period().unit() + " from " + alert.period().start() + " to " + alert.period().end()
                + " (" + alert.period().tz() + ")");
        values.put("spent", amount(alert.unit(), alert.spent()));
        values.put("limit", amount(alert.unit(), alert.limit()));
        values.put("share", percent);
        values.put("projection", amount(alert.unit(), alert.projection().endOfPeriod()));
        values.put("projects", list(drivers.projects()));
        values.put("models", list(drivers.models()));
        values.put("apiKeys", list(drivers.apiKeys()));
        values.put("link", link(publicUrl, budget, period));
        values.put("tenant", alert.tenant());
        values.put("alertId", alert.id());
        String html = fill(HTML, values, HtmlUtils::htmlEscape);
        values.put("marker", test ? values.get("marker") + "\n\n" : "");
        return new AlertEmail(subject, fill(TEXT, values, UnaryOperator.identity()), html);
    }

    /**
     * The dashboard filtered to the budget's scope and period: {@code from}/{@code to} are the period's
     * first and last local dates (the dashboard's custom range includes both), {@code tz} its zone.
     */
    static String link(String publicUrl, Budget budget, BudgetPeriod period) {
        LocalDate first = period.start().atZone(period.zone()).toLocalDate();
        LocalDate last = period.end().atZone(period.zone()).toLocalDate().minusDays(1);
        StringBuilder link = new StringBuilder(publicUrl.endsWith("/") ? publicUrl : publicUrl + "/")
                .append("?range=custom&from=").append(first).append("&to=").append(last)
                .append("&tz=").append(encode(period.zone().getId()));
        budget.scope()
                .forEach((filter, values) -> values.forEach(v -> link.append('&').append(encode(filter)).append('=').append(encode(v))));
        return link.toString();
    }

    private static String scope(Budget budget) {
        if (budget.scope().isEmpty()) {
            return "the whole tenant";
        }
        return budget.scope().entrySet().stream()
                .map(e -> e.getKey() + " = " + String.join(" or ", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String list(Map<String, BigDecimal> top) {
        if (top.isEmpty()) {
            return "none";
        }
        return top.entrySet().stream()
                .map(e -> e.getKey() + " " + amount("usd", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String amount(String unit, BigDecimal value) {
        return unit.equals("usd")
                ? "$" + value.setScale(2, RoundingMode.HALF_EVEN).toPlainString()
                : String.format(Locale.ROOT, "%,d tokens", value.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    private static String fill(String template, Map<String, String> values, UnaryOperator<String> escape) {
        String out = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            out = out.replace("{{" + value.getKey() + "}}", escape.apply(value.getValue()));
        }
        return out;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String template(String name) {
        try (InputStream in = AlertEmail.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing template " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> dimensions() {
        return List.of("project", "model", "apiKey");
    }
}
