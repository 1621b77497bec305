package dev.tokenmeter.query.budget;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where alerts link to and who sends their email ({@code tokenmeter.*}).
 *
 * @param publicUrl the dashboard's address as recipients reach it ({@code tokenmeter.public-url}); alert
 *                  emails link to it, filtered to the budget's scope and period
 * @param alerts    {@code tokenmeter.alerts.email.from}: the sender of alert emails
 */
@Validated
@ConfigurationProperties("tokenmeter")
record AlertSettings(@DefaultValue("http://localhost:8080") URI publicUrl, @DefaultValue Alerts alerts) {

    record Alerts(@DefaultValue Email email) {
    }

    record Email(@DefaultValue("Tokenmeter <alerts@tokenmeter.localhost>") String from) {
    }

    String from() {
        return alerts.email().from();
    }
}
