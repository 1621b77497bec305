package dev.tokenmeter.testsupport;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Adds the shared servers' properties to the context of a {@link WithInfrastructure} test. */
final class InfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean annotated = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(WithInfrastructure.class);
        return annotated ? new Customizer(testClass) : null;
    }

    /** One per test class, so two classes never share a context (and a database) by accident. */
    private record Customizer(Class<?> testClass) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Infrastructure infra = Infrastructure.shared();
            TestProperties.addBelowTheTests(context, "Tokenmeter test infrastructure",
                    infra.springProperties(infra.databaseFor(testClass)));
        }
    }
}
