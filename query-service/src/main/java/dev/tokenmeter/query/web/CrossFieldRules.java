package dev.tokenmeter.query.web;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * The rules of a request body that span its fields (or that a field's own constraint cannot say, such as the keys
 * of a map): the body, a {@link Checked}, names its first mistake, and it is reported on that field, so the answer is the same 400 problem
 * naming the field as for any field constraint.
 */
@Constraint(validatedBy = CrossFieldRules.Check.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CrossFieldRules {

    /** Not shown: every violation carries the mistake's own message. */
    String message() default "breaks a rule across its fields";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A body with rules across its fields. */
    interface Checked {

        /** The first rule the body breaks, or null; called after Jackson read it, before its field constraints are known to hold. */
        @Nullable
        Mistake firstMistake();
    }

    /**
     * A broken rule: {@code message} on {@code property}, or on its element {@code index} or its entry {@code key}
     * when that is not null.
     */
    record Mistake(String property, @Nullable Integer index, @Nullable String key, String message) {

        public static Mistake on(String property, String message) {
            return new Mistake(property, null, null, message);
        }

        public static Mistake at(String property, int index, String message) {
            return new Mistake(property, index, null, message);
        }

        /** On the entry {@code key} of the map {@code property} ({@code scope.project}). */
        public static Mistake in(String property, String key, String message) {
            return new Mistake(property, null, key, message);
        }
    }

    /** Reports the body's first mistake on its field. */
    final class Check implements ConstraintValidator<CrossFieldRules, Checked> {

        @Override
        public boolean isValid(@Nullable Checked body, ConstraintValidatorContext context) {
            Mistake mistake = body == null ? null : body.firstMistake();
            if (mistake == null) {
                return true;
            }
            Integer index = mistake.index();
            String key = mistake.key();
            if (index != null) {
                RequestBodyValidator.reportAt(context, mistake.message(), mistake.property(), index);
            } else if (key != null) {
                RequestBodyValidator.report(context, mistake.message(), mistake.property(), key);
            } else {
                RequestBodyValidator.report(context, mistake.message(), mistake.property());
            }
            return false;
        }
    }
}
