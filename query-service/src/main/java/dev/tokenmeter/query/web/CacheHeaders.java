package dev.tokenmeter.query.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * {@code Cache-Control} chosen per route, unless a handler chose one: API and actuator answers are
 * never stored ({@code no-store}: they hold a tenant's data); the dashboard's built assets, whose names
 * carry a hash of their content, are cached for a year as {@code immutable}; {@code index.html}, the
 * app's routes and other files are revalidated on every use ({@code no-cache}), so a new release is
 * picked up on the next load. Runs first, so refusals (401, 429) get theirs too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CacheHeaders implements WebFilter {

    static final String NO_STORE = "no-store";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            if (!response.getHeaders().containsHeader(HttpHeaders.CACHE_CONTROL)) {
                response.getHeaders().setCacheControl(cacheControl(path, response.getStatusCode()));
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    static String cacheControl(String path, @Nullable HttpStatusCode status) {
        if (path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")) {
            return NO_STORE;
        }
        boolean ok = status == null || status.is2xxSuccessful();
        return ok && path.startsWith("/assets/") ? IMMUTABLE : REVALIDATE;
    }
}
