package dev.tokenmeter.query.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document says of every property of a record (request and response bodies alike) whether it
 * is always there and whether it may be null, from the record's JSpecify nullness, which NullAway checks: a
 * {@code @Nullable} component is optional and nullable ({@code "type": ["string", "null"]}), any other one
 * required. Records outside {@code @NullMarked} code, and components whose {@code @Schema} sets its own
 * required mode, are left as they are.
 */
@Component
class RecordNullness implements ModelConverter {

    @Override
    public @Nullable Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        if (!chain.hasNext()) {
            return null;
        }
        Schema<?> schema = chain.next().resolve(type, context, chain);
        Class<?> raw = type.getType() == null ? null : TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
        if (schema == null || raw == null || !raw.isRecord() || !nullMarked(raw)) {
            return schema;
        }
        Schema<?> model = schema.get$ref() == null ? schema : context.getDefinedModels().get(name(schema.get$ref()));
        if (model != null && model.getProperties() != null) {
            describe(raw, model);
        }
        return schema;
    }

    private static void describe(Class<?> record, Schema<?> model) {
        Map<String, Schema> properties = model.getProperties();
        Set<String> required = new LinkedHashSet<>(model.getRequired() == null ? List.of() : model.getRequired());
        for (RecordComponent component : record.getRecordComponents()) {
            String name = jsonName(component);
            Schema<?> property = properties.get(name);
            if (property == null || ownRequiredMode(component)) {
                continue;
            }
            if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
                required.remove(name);
                properties.put(name, nullable(property));
            } else {
                required.add(name);
            }
        }
        model.setRequired(required.isEmpty() ? null : new ArrayList<>(required));
    }

    /** The property, allowing null too: {@code null} joins its types, or a reference becomes one of it and null. */
    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null || property.getAnyOf() != null || property.getOneOf() != null || property.getAllOf() != null) {
            if (property.getAnyOf() != null && property.getAnyOf().stream().anyMatch(RecordNullness::isNull)) {
                return property;
            }
            Schema<Object> either = new JsonSchema();
            either.addAnyOfItem(property);
            either.addAnyOfItem(new JsonSchema().typesItem("null"));
            return either;
        }
        Set<String> types = property.getTypes();
        if (types == null && property.getType() != null) {
            property.addType(property.getType());
        }
        if (property.getTypes() != null) {
            property.addType("null");
        }
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            @SuppressWarnings("unchecked")
            Schema<Object> values = (Schema<Object>) property;
            List<Object> allowed = new ArrayList<>(values.getEnum()); // the list may be immutable
            allowed.add(null); // else the enum itself refuses null
            values.setEnum(allowed);
        }
        return property;
    }

    private static boolean isNull(Schema<?> schema) {
        return schema.getTypes() != null && schema.getTypes().equals(Set.of("null"));
    }

    private static String jsonName(RecordComponent component) {
        for (AnnotatedElement element : List.<AnnotatedElement>of(component, component.getAccessor())) {
            JsonProperty property = element.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        }
        try {
            JsonProperty property = component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            return property != null && !property.value().isEmpty() ? property.value() : component.getName();
        } catch (NoSuchFieldException e) {
            return component.getName();
        }
    }

    private static boolean ownRequiredMode(RecordComponent component) {
        for (AnnotatedElement element : List.<AnnotatedElement>of(component, component.getAccessor())) {
            io.swagger.v3.oas.annotations.media.Schema schema = element.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (schema != null && schema.requiredMode() != io.swagger.v3.oas.annotations.media.Schema.RequiredMode.AUTO) {
                return true;
            }
        }
        return false;
    }

    /** Whether the type is in code whose unannotated types are non-null: itself, a type around it, or its package is {@code @NullMarked}. */
    private static boolean nullMarked(Class<?> type) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            if (current.isAnnotationPresent(NullUnmarked.class)) {
                return false;
            }
            if (current.isAnnotationPresent(NullMarked.class)) {
                return true;
            }
        }
        return type.getPackage() != null && type.getPackage().isAnnotationPresent(NullMarked.class);
    }

    private static String name(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }
}
