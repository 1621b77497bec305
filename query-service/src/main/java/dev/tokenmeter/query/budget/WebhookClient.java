package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.outbound.OutboundGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP client of webhook deliveries, a bean: through the {@link OutboundGuard}'s connector (checked
 * addresses only, no redirects), each answer awaited at most {@code tokenmeter.alerts.delivery.timeout}.
 * Its connections live in Reactor Netty's shared resources, which Spring Boot's {@code ReactorResourceFactory}
 * releases when the application closes.
 */
@Configuration(proxyBeanMethods = false)
class WebhookClient {

    @Bean
    WebClient webhookWebClient(OutboundGuard guard, DeliverySettings settings) {
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(guard.httpClient().responseTimeout(settings.timeout())))
                .build();
    }
}
