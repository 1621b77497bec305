package dev.tokenmeter.query.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.validation.Validator;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON request bodies are read strictly: a field the body type does not have is a 400 naming it (a
 * typo is never ignored), no scalar is coerced (a price sent as {@code "2"} or a name sent as
 * {@code 5} is refused, not guessed), and numbers are exact decimals. Boot's defaults allow the first
 * two; responses keep Boot's mapper. A key given twice is refused too. Ordered last so that it replaces the
 * decoder Boot configures. Bodies are then validated by their records' constraints ({@link RequestBodyValidator}).
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.LOWEST_PRECEDENCE)
class StrictRequestBodies implements WebFluxConfigurer {

    private final JsonMapper mapper;
    private final RequestBodyValidator validator;

    StrictRequestBodies(JsonMapper mapper, jakarta.validation.Validator validator) {
        this.mapper = strict(mapper);
        this.validator = new RequestBodyValidator(validator);
    }

    static JsonMapper strict(JsonMapper mapper) {
        return mapper.rebuild()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
        configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(mapper));
    }

    @Override
    public Validator getValidator() {
        return validator;
    }
}
