package dev.tokenmeter.query.access;

import dev.tokenmeter.query.QuerySettings;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Lets the web UI's origins ({@code tokenmeter.query.cors-origins}) call {@code /api/**} from a
 * browser. A filter rather than handler mappings, so that it answers preflights before the
 * authentication filter runs and adds its headers to that filter's 401 and 403 answers too.
 * Keys travel in the Authorization header, never in cookies, so no credentials are allowed.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfig {

    static final int ORDER = -200;

    @Bean
    @Order(ORDER)
    CorsWebFilter corsWebFilter(QuerySettings settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(settings.corsOrigins().stream()
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .toList());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        cors.setExposedHeaders(List.of(HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.LOCATION, HttpHeaders.WWW_AUTHENTICATE,
                "X-Tokenmeter-Raw-Horizon", HttpHeaders.RETRY_AFTER, "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset",
                "RateLimit-Policy"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return new CorsWebFilter(source);
    }
}
