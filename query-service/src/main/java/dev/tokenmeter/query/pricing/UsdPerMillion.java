package dev.tokenmeter.query.pricing;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A price per 1 000 000 tokens: 0 to 1 000 000 USD with at most 6 decimals, so that every cost is
 * exact to 1e-12 USD. Null is valid (say {@code @NotNull} where the price is required).
 */
@Constraint(validatedBy = {})
@DecimalMin("0")
@DecimalMax("1000000")
@Digits(integer = 7, fraction = 6)
@ReportAsSingleViolation
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@interface UsdPerMillion {

    String message() default "must be from 0 to 1000000 (USD per 1 000 000 tokens) with at most 6 decimals";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
