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
 * The rules of a request body that span its fields (or that a field's own constraint cannot say): the body, a
 * {@link Checked}, names its first mistake, and it is reported on that field, so the answer is the same 400 problem
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
     * A broken rule: {@code message} on {@code property}, or on its element {@code index} when that is not null.
     */
    record Mistake(String property, @Nullable Integer index, String message) {

        public static Mistake on(String property, String message) {
            return new Mistake(property, null, message);
        }

        public static Mistake at(String property, int index, String message) {
            return new Mistake(property, index, message);
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
            if (index == null) {
                RequestBodyValidator.report(context, mistake.message(), mistake.property());
            } else {
                RequestBodyValidator.reportAt(context, mistake.message(), mistake.property(), index);
            }
            return false;
        }
    }
}
