package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import dev.tokenmeter.query.outbound.OutboundRefused;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends alert emails over SMTP with the mail sender Spring Boot builds from {@code spring.mail.*}:
 * {@code multipart/alternative} with a plain-text and an HTML part, {@code X-Tokenmeter-Delivery} and
 * {@code X-Tokenmeter-Alert} headers. The SMTP host passes the {@link OutboundGuard} before each send
 * (a non-public address needs the operator's {@code tokenmeter.outbound.allow}). Without
 * {@code spring.mail.host} every email delivery fails with "email is not configured" (and is retried,
 * so configuring it later still delivers within the retry horizon).
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    static final String ALERT_HEADER = "X-Tokenmeter-Alert";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ObjectProvider<JavaMailSender> senders;
    private final OutboundGuard guard;
    private final AlertSettings settings;
    private final DeliverySettings delivery;

    Mailer(ObjectProvider<JavaMailSender> senders, OutboundGuard guard, AlertSettings settings, DeliverySettings delivery) {
        this.senders = senders;
        this.guard = guard;
        this.settings = settings;
        this.delivery = delivery;
    }

    /** The payload an email channel's delivery stores: the rendered email as JSON. */
    static String payload(AlertEmail email) {
        return JSON.writeValueAsString(email);
    }

    static AlertEmail email(String payload) {
        return JSON.readValue(payload, AlertEmail.class);
    }

    /** One attempt: 250 when the SMTP server accepted the message. */
    Mono<Outbox.Outcome> send(List<String> to, String deliveryId, String alertId, AlertEmail email) {
        return Mono.fromCallable(() -> sendNow(to, deliveryId, alertId, email))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(delivery.timeout().multipliedBy(2))
                .onErrorResume(e -> Mono.just(new Outbox.Outcome(null, null, failure(e))));
    }

    private Outbox.Outcome sendNow(List<String> to, String deliveryId, String alertId, AlertEmail email) throws Exception {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null) {
            return new Outbox.Outcome(null, null, "email is not configured (spring.mail.host)");
        }
        if (sender instanceof JavaMailSenderImpl smtp && smtp.getHost() != null) {
            guard.checkHost(smtp.getHost());
        }
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(to.toArray(String[]::new));
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        message.setHeader(Webhooks.DELIVERY_HEADER, deliveryId);
        message.setHeader(ALERT_HEADER, alertId);
        sender.send(message);
        return new Outbox.Outcome(250, null, null);
    }

    private static String failure(Throwable e) {
        String reason = e instanceof OutboundRefused
                ? String.valueOf(e.getMessage())
                : e instanceof MailAuthenticationException
                        ? "SMTP authentication failed"
                        : e instanceof MailSendException || e instanceof MailException || e instanceof MessagingException
                                ? "SMTP send failed"
                                : e instanceof java.util.concurrent.TimeoutException
                                        ? "no answer within the timeout"
                                        : "connection failed";
        log.info("Email delivery failed ({}): {}", reason, e.toString());
        return reason;
    }
}
