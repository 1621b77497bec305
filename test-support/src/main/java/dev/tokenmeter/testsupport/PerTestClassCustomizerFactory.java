package dev.tokenmeter.testsupport;

import java.lang.annotation.Annotation;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Customizes the context of every test class that carries {@code annotation} (on itself or a superclass) with a
 * customizer of its own: two classes never share a context (and a database) by accident, while the tests of one
 * class do.
 */
public abstract class PerTestClassCustomizerFactory implements ContextCustomizerFactory {

    /** What to do to the context of a test class; a constant, since Spring's context cache compares it. */
    @FunctionalInterface
    public interface Customization {
        void customize(ConfigurableApplicationContext context, Class<?> testClass);
    }

    private final Class<? extends Annotation> annotation;
    private final Customization customization;

    protected PerTestClassCustomizerFactory(Class<? extends Annotation> annotation, Customization customization) {
        this.annotation = annotation;
        this.customization = customization;
    }

    @Override
    public final @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(annotation);
        return annotated ? new Customizer(testClass, customization) : null;
    }

    private record Customizer(Class<?> testClass, Customization customization) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            customization.customize(context, testClass);
        }
    }
}
