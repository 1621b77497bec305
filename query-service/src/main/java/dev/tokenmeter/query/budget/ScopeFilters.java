package dev.tokenmeter.query.budget;

import dev.tokenmeter.query.usage.Dimension;
import dev.tokenmeter.query.usage.Filters;
import dev.tokenmeter.query.web.BadParameter;
import dev.tokenmeter.query.web.RequestBodyValidator;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The {@code scope} of a body ({@link Scoped}) is the contract's filters, checked as the usage endpoints
 * check them: a mistake names {@code scope.<filter>}. On the type, because the field it names is a key of
 * the map.
 */
@Constraint(validatedBy = ScopeFilters.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ScopeFilters {

    String message() default "is not a scope of filters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A body with a scope: each filter of the contract with its values; null or {} is the whole tenant. */
    interface Scoped {

        @Nullable
        Map<String, List<String>> scope();

        /** The scope as stored: values in their order without repeats, filters sorted; {} for the whole tenant. */
        default Map<String, List<String>> filters() {
            Map<String, List<String>> filters = new TreeMap<>();
            Map<String, List<String>> scope = scope();
            if (scope != null) {
                scope.forEach((key, values) -> filters.put(key, values == null
                        ? List.of()
                        : values.stream().map(String::valueOf).distinct().toList()));
            }
            return filters;
        }
    }

    /** Names the first filter that is not one, has no value, or has a value the usage endpoints would refuse. */
    final class Check implements ConstraintValidator<ScopeFilters, Scoped> {

        @Override
        public boolean isValid(@Nullable Scoped body, ConstraintValidatorContext context) {
            Map<String, List<String>> scope = body == null ? null : body.scope();
            if (scope == null) {
                return true;
            }
            MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
            for (Map.Entry<String, List<String>> filter : scope.entrySet()) {
                String key = filter.getKey();
                if (!key.startsWith("tag.") && !isDimension(key)) {
                    RequestBodyValidator.report(context,
                            "is not a filter: use provider, model, project, apiKey, endpoint, status, user, serviceTier or tag.<key>",
                            "scope", key);
                    return false;
                }
                List<String> values = filter.getValue();
                if (values == null || values.isEmpty() || values.stream().anyMatch(Objects::isNull)) {
                    RequestBodyValidator.report(context, "needs at least one value, each a string; leave the filter out to not filter",
                            "scope", key);
                    return false;
                }
                params.addAll(key, new ArrayList<>(values));
            }
            try {
                Filters.from(params);
            } catch (BadParameter e) {
                RequestBodyValidator.report(context, String.valueOf(e.getMessage()), "scope", e.parameter());
                return false;
            }
            return true;
        }

        private static boolean isDimension(String key) {
            for (Dimension dimension : Dimension.values()) {
                if (dimension.param().equals(key)) {
                    return true;
                }
            }
            return false;
        }
    }
}
