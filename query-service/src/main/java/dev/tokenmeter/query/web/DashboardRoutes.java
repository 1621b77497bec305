package dev.tokenmeter.query.web;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The dashboard is a single-page app: a browser GET of one of its own routes ({@code /log},
 * {@code /budgets}, a reload or a shared link) gets {@code index.html}, and the app routes from
 * there. API, actuator and asset paths (anything with a file extension) pass through unchanged.
 */
@Component
@Order(0)
class DashboardRoutes implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (exchange.getRequest().getMethod() == HttpMethod.GET && isAppRoute(path)) {
            return chain.filter(exchange.mutate().request(r -> r.path("/index.html")).build());
        }
        return chain.filter(exchange);
    }

    static boolean isAppRoute(String path) {
        if (path.equals("/") || path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator")) {
            return path.equals("/");
        }
        return !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }
}
