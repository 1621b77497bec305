package dev.tokenmeter.query.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * springdoc gives a request body read as {@code Mono<T>} (the budgets' and rules' bodies, read after the key's
 * role is checked) no schema of {@code T}. This sets the operation's JSON body to {@code T}'s schema, resolved
 * by the same model converters (so {@link RecordNullness} applies), and adds the models it refers to.
 */
@Component
class PublisherRequestBodies implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    private final Map<String, Schema> models = new ConcurrentHashMap<>();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (!parameter.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class)
                    || !Publisher.class.isAssignableFrom(parameter.getParameterType())) {
                continue;
            }
            Type element = ResolvableType.forMethodParameter(parameter).getGeneric(0).getType();
            ResolvedSchema resolved = ModelConverters.getInstance(true)
                    .resolveAsResolvedSchema(new AnnotatedType(element).resolveAsRef(true));
            if (resolved == null || resolved.schema == null) {
                continue;
            }
            if (resolved.referencedSchemas != null) {
                models.putAll(resolved.referencedSchemas);
            }
            RequestBody body = operation.getRequestBody() == null ? new RequestBody().required(true) : operation.getRequestBody();
            body.setContent(new Content().addMediaType(
                    org.springframework.http.MediaType.APPLICATION_JSON_VALUE, new MediaType().schema(resolved.schema)));
            operation.setRequestBody(body);
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI openApi) {
        models.forEach((name, schema) -> {
            if (openApi.getComponents().getSchemas() == null || !openApi.getComponents().getSchemas().containsKey(name)) {
                openApi.getComponents().addSchemas(name, schema);
            }
        });
    }
}
