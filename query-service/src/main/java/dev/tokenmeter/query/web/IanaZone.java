package dev.tokenmeter.query.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.zone.ZoneRulesProvider;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An IANA time zone id such as {@code Europe/Berlin} (not an offset or an abbreviation). Null is valid. */
@Constraint(validatedBy = IanaZone.Check.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface IanaZone {

    String message() default "is not an IANA time zone such as Europe/Berlin or America/New_York";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks the id against the zones the JDK knows. */
    final class Check implements ConstraintValidator<IanaZone, String> {

        private static final Set<String> ZONES = ZoneRulesProvider.getAvailableZoneIds();

        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            return value == null || ZONES.contains(value);
        }
    }
}
