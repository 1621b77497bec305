package dev.tokenmeter.query.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Bean Validation of request bodies, as Spring's adapter does it, except that the rejected value is
 * the one the violation carries. Spring reads it back through the field's path, which fails (a 500)
 * for the paths a custom constraint names as the JSON body does: {@code notify}, whose record
 * component cannot be named so, or {@code scope.tag.env}, a key of a map.
 */
public final class RequestBodyValidator extends SpringValidatorAdapter {

    public RequestBodyValidator(jakarta.validation.Validator validator) {
        super(validator);
    }

    @Override
    protected @Nullable Object getRejectedValue(String field, ConstraintViolation<Object> violation, BindingResult bindingResult) {
        return violation.getInvalidValue();
    }

    /**
     * Reports {@code message} on the field at {@code path} (property names, e.g. {@code scope}, {@code tag.env}:
     * {@code scope.tag.env}), taken literally rather than as a message template.
     */
    public static void report(ConstraintValidatorContext context, String message, String first, String... rest) {
        context.disableDefaultConstraintViolation();
        ConstraintValidatorContext.ConstraintViolationBuilder.NodeBuilderCustomizableContext node = context
                .buildConstraintViolationWithTemplate(literal(message))
                .addPropertyNode(first);
        for (String property : rest) {
            node = node.addPropertyNode(property);
        }
        node.addConstraintViolation();
    }

    /** Reports {@code message} on the element {@code index} of the list {@code property}: {@code property[index]}. */
    public static void reportAt(ConstraintValidatorContext context, String message, String property, int index) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message))
                .addPropertyNode(property)
                .addBeanNode()
                .inIterable()
                .atIndex(index)
                .addConstraintViolation();
    }

    /** The text escaped so that message interpolation leaves it as it is. */
    static String literal(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
