package dev.tokenmeter.ingest.pricing;

import dev.tokenmeter.ingest.store.PostgresConnections;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Change notifications of {@code price_override} (its trigger runs {@code pg_notify('price_override', tenant)}),
 * on one connection held for as long as the stream is subscribed. Reconnects with backoff ({@code listen-min-backoff} to
 * {@code listen-max-backoff}) after a database outage; notifications sent meanwhile are lost, which the periodic reload covers.
 */
@Component
class PriceNotifications {

    static final String CHANNEL = "price_override";
    private static final Logger log = LoggerFactory.getLogger(PriceNotifications.class);

    private final ConnectionFactory connections;
    private final PricingSettings settings;

    PriceNotifications(ConnectionFactory connections, PricingSettings settings) {
        this.connections = connections;
        this.settings = settings;
    }

    /** One element per change notification: the tenant whose prices changed ("" if none was named), forever. */
    Flux<String> changes() {
        return Flux.usingWhen(Mono.from(connections.create()), PriceNotifications::listen, Connection::close)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.listenMinBackoff()).maxBackoff(settings.listenMaxBackoff())
                        .doBeforeRetry(signal -> log.warn("Listening for price changes failed, reconnecting: {}",
                                signal.failure().toString())));
    }

    private static Flux<String> listen(Connection connection) {
        PostgresqlConnection postgres = PostgresConnections.unwrap(connection, "LISTEN");
        return postgres.createStatement("LISTEN " + CHANNEL)
                .execute()
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(postgres.getNotifications())
                .map(notification -> notification.getParameter() == null ? "" : notification.getParameter());
    }
}
