package dev.tokenmeter.query.access;

import dev.tokenmeter.query.web.ProblemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The query service's Spring Security chain. Every {@code /api/**} request but CORS preflights and
 * the OpenAPI document must carry {@code Authorization: Bearer <key>}: an {@link AuthenticationWebFilter}
 * reads it ({@link BearerKeyConverter}), checks it ({@link KeyAuthenticationManager}) and stores the
 * resolved {@link Caller} in the exchange under {@link Caller#ATTRIBUTE}; every refusal is RFC 9457
 * problem details. Nothing is kept between requests (no session, no security context repository), and
 * CSRF protection is off: keys travel in a header a cross-site form cannot set, never in cookies.
 *
 * <p>Runs after the CORS filter ({@link CorsConfig#ORDER}), so refusals carry CORS headers. Adds the
 * standard security headers to every answer, with a Content-Security-Policy for the dashboard;
 * {@code Cache-Control} is chosen per route elsewhere ({@code dev.tokenmeter.query.web.CacheHeaders}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class ApiSecurity {

    /**
     * The dashboard loads only its own scripts (no inline script, no eval). Inline styles stay allowed:
     * ECharts writes its tooltips as HTML with style attributes.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    SecurityWebFilterChain apiSecurityChain(ServerHttpSecurity http, KeyAuthenticationManager manager,
            ServerCodecConfigurer codecs,
            @Value("${springdoc.api-docs.path:/api/v1/openapi.json}") String openApiPath) {
        ProblemWriter problems = new ProblemWriter(codecs);
        ServerWebExchangeMatcher needsKey = exchange -> needsKey(exchange.getRequest(), openApiPath)
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();

        AuthenticationWebFilter authentication = new AuthenticationWebFilter(manager);
        authentication.setRequiresAuthenticationMatcher(needsKey);
        authentication.setServerAuthenticationConverter(new BearerKeyConverter());
        authentication.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        authentication.setAuthenticationSuccessHandler((filterExchange, authenticated) -> {
            ServerWebExchange exchange = filterExchange.getExchange();
            exchange.getAttributes().put(Caller.ATTRIBUTE, ((CallerAuthentication) authenticated).caller());
            return filterExchange.getChain().filter(exchange);
        });
        authentication.setAuthenticationFailureHandler(
                (filterExchange, refused) -> refuse(filterExchange.getExchange(), refusal(refused), problems));

        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges
                        .matchers(needsKey).authenticated()
                        .anyExchange().permitAll())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((exchange, e) -> refuse(exchange, AccessRefused.noKey(), problems)))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable))
                .build();
    }

    /**
     * Spring Security's firewall refuses requests whose path or headers could fool a matcher (an
     * encoded NUL, {@code ..}, {@code //}, a backslash): a 400 problem like any other bad input.
     */
    @Bean
    ServerExchangeRejectedHandler rejectedAsProblem(ServerCodecConfigurer codecs) {
        ProblemWriter problems = new ProblemWriter(codecs);
        return (exchange, rejected) -> {
            exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "The request's path or headers hold characters the service refuses, such as an encoded NUL, "
                            + "'..', '//' or a backslash");
            problem.setTitle("Bad request");
            return problems.write(exchange.getResponse(), problem);
        };
    }

    static boolean needsKey(ServerHttpRequest request, String openApiPath) {
        String path = request.getPath().pathWithinApplication().value();
        boolean openApi = path.equals(openApiPath) || path.startsWith(openApiPath + "/") || path.startsWith(openApiPath + ".");
        return path.startsWith("/api/") && !openApi && !CorsUtils.isPreFlightRequest(request);
    }

    /** Our refusals as they are; anything else Spring Security raises reads as an unknown key. */
    private static AccessRefused refusal(AuthenticationException e) {
        return e instanceof AccessRefused refused ? refused : AccessRefused.unknownKey();
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, AccessRefused refused, ProblemWriter problems) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(refused.status());
        if (refused.status() == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        ProblemDetail problem = refused.problem(exchange.getRequest().getPath().value());
        return problems.write(response, problem);
    }
}
