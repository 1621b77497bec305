package dev.tokenmeter.query.retention;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Adds {@value #HEADER} (an RFC 3339 instant, see {@link RawHorizon}) to every answer of
 * {@code /api/v1/usage/*} and {@code /api/v1/prices/unpriced} once retention has dropped raw
 * events: the parts of those answers read from raw events — the log, errors, export, user and tag
 * questions, minute buckets, range ends given to the second, unpriced models — hold no event
 * before it, while totals read from rollups go further back. Runs after authentication.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class RawHorizonHeader implements WebFilter {

    static final String HEADER = "X-Tokenmeter-Raw-Horizon";

    private final RawHorizon horizon;

    RawHorizonHeader(RawHorizon horizon) {
        this.horizon = horizon;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/v1/usage/") && !path.equals("/api/v1/prices/unpriced")) {
            return chain.filter(exchange);
        }
        return horizon.recent()
                .doOnNext(kept -> exchange.getResponse().getHeaders().set(HEADER, kept.toString()))
                // unreadable (database down): the answer goes on without the label and reports its own failure
                .onErrorComplete()
                .then(chain.filter(exchange));
    }
}
