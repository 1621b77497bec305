package dev.tokenmeter.query.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Lets handlers take a {@link Caller} parameter, as the authentication filter resolved it. */
@Configuration
class CallerArgumentResolver implements HandlerMethodArgumentResolver, WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext context, ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(Caller.ATTRIBUTE);
        return caller != null
                ? Mono.just(caller)
                : Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Send an API key as 'Authorization: Bearer <key>'"));
    }
}
