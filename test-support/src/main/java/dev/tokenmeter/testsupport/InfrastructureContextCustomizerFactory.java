package dev.tokenmeter.testsupport;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

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

        static final String SOURCE = "Tokenmeter test infrastructure";
        /** Where {@code @SpringBootTest(properties)} and {@code @DynamicPropertySource} values live. */
        static final List<String> TEST_SOURCES = List.of(
                TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, "Dynamic Test Properties");

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            Infrastructure infra = Infrastructure.shared();
            var source = new MapPropertySource(SOURCE, infra.springProperties(infra.databaseFor(testClass)));
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            // Below the test's own properties, above everything the application configures.
            @Nullable String lowestOfTheTests = null;
            for (String name : TEST_SOURCES) {
                if (sources.contains(name) && (lowestOfTheTests == null
                        || sources.precedenceOf(sources.get(name)) > sources.precedenceOf(sources.get(lowestOfTheTests)))) {
                    lowestOfTheTests = name;
                }
            }
            if (lowestOfTheTests == null) {
                sources.addFirst(source);
            } else {
                sources.addAfter(lowestOfTheTests, source);
            }
        }
    }
}
