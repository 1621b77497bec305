package dev.tokenmeter.query.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document says about keys: every operation takes a bearer API key, accepts the
 * operator's {@code tenant} parameter (which the authentication filter reads) and may answer 401 or
 * 403; a handler's {@link Caller} parameter comes from the key, not from the request, so it is left
 * out of the document.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiAccess {

    static final String SCHEME = "apiKey";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenApiCustomizer apiKeyInOpenApi() {
        return openApi -> {
            Components components = openApi.getComponents() != null ? openApi.getComponents() : new Components();
            openApi.components(components.addSecuritySchemes(SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .description("A tenant's API key (tm_...), or the operator key, which names the tenant with tenant=")));
            openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().stream()
                        .map(PathItem::readOperations)
                        .flatMap(List::stream)
                        .forEach(OpenApiAccess::describeAccess);
            }
        };
    }

    private static void describeAccess(Operation operation) {
        boolean namesTenant = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> "tenant".equals(parameter.getName()));
        if (!namesTenant) {
            operation.addParametersItem(new Parameter()
                    .in("query")
                    .name("tenant")
                    .required(false)
                    .description("With the operator key, the tenant to act on; any other key may only name its own")
                    .schema(new StringSchema().pattern("^[a-z0-9_-]{1,64}$")));
        }
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        responses.putIfAbsent("401", new ApiResponse().description("No API key, or an unknown or revoked one (problem details)"));
        responses.putIfAbsent("403", new ApiResponse().description(
                "An ingest key, a key naming another tenant, or a role that may not do this (problem details)"));
        operation.setResponses(responses);
    }
}
